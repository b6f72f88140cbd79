namespace Runnel.Core.Delivery;

/// <summary>
/// An inbound SMS as a provider's webhook (or the test-mode endpoint) delivers it: sender and receiving number in
/// E.164, the text, and the provider's message id, which makes a repeated delivery recognisable.
/// </summary>
public sealed record InboundSms(string From, string To, string Text, string ProviderMessageId);
