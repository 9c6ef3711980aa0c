using Fluid;
using Waymark.Server.Channels;

namespace Waymark.Server.Deliveries;

/// <summary>A channel's template rendered for one delivery.</summary>
public sealed record RenderedMessage(string? Subject, string Body);

/// <summary>
/// Renders a channel's Liquid templates with the delivery's payload: <c>customer</c> (the
/// attributes), <c>customerId</c>, <c>offer</c> (id, name, content; nil without one) and
/// <c>journey</c> (id, name). Output is not HTML-encoded; a missing value renders empty.
/// </summary>
public static class MessageRenderer
{
    private static readonly TemplateOptions Options = new()
    {
        // A loop over a huge attribute must not stall the dispatcher.
        MaxSteps = 100_000,
        TimeZone = TimeZoneInfo.Utc,
    };

    /// <returns>The message, or the reason it cannot be rendered.</returns>
    public static async Task<(RenderedMessage? Message, string? Error)> RenderAsync(MessageTemplate template, DeliveryPayload payload, TimeProvider clock)
    {
        var context = new TemplateContext(Options) { Now = clock.GetUtcNow };
        context.SetValue("customer", payload.Customer);
        context.SetValue("customerId", payload.CustomerId);
        context.SetValue("offer", payload.Offer);
        context.SetValue("journey", payload.Journey);
        try
        {
            var subject = template.Subject is null ? null : await Liquid.Compile(template.Subject).RenderAsync(context);
            var body = await Liquid.Compile(template.Body).RenderAsync(context);
            return (new RenderedMessage(subject?.Trim(), body), null);
        }
        catch (Exception e) when (e is FluidException or Parlot.ParseException or InvalidOperationException or ArgumentException or FormatException)
        {
            return (null, $"the template could not be rendered: {e.Message}");
        }
    }
}
