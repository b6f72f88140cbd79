namespace Runnel.Core.Rules;

/// <summary>What happened to the message a send_email step sent in this membership.</summary>
public sealed record EmailStepFacts(bool Sent, bool Delivered, bool Opened, bool Clicked, bool Bounced);
