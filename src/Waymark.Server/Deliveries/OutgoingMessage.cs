using Waymark.Server.Channels;
using Waymark.Server.Persistence;

namespace Waymark.Server.Deliveries;

/// <summary>Everything a sender needs for one delivery: the row, its channel and settings, the rendered message and the address.</summary>
/// <param name="To">The customer's email, phone or push token, or the customer id where the channel has no address of its own.</param>
public sealed record OutgoingMessage(Delivery Delivery, Channel Channel, ProviderConfig Config, DeliveryPayload Payload, RenderedMessage Message, string To);
