namespace Runnel.Core.Flows;

/// <summary>A flow with its membership stats: what the flows API answers with.</summary>
public sealed record FlowView(Flow Flow, FlowStats Stats);
