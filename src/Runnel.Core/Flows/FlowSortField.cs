namespace Runnel.Core.Flows;
public enum FlowSortField
{
    UpdatedAt,
    CreatedAt,
    Name,
}
