namespace Runnel.Client.Tests.Infrastructure;
[CollectionDefinition(Name)]
public sealed class SharedServer : ICollectionFixture<ServerFixture>
{
    public const string Name = "runnel server";
}
