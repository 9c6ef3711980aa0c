using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Waymark.Server.Api;

namespace Waymark.Server.Deliveries;

/// <summary>
/// Webhook, SMS and push deliveries: a JSON POST to the channel's URL, carrying the idempotency
/// key, a timestamp and (with a secret) the HMAC signature. 2xx is success; 408, 429, 5xx,
/// timeouts and connection errors may succeed later; any other status will not.
/// </summary>
public sealed class HttpChannelSender(IHttpClientFactory clients, TimeProvider clock)
{
    /// <summary>The named client: no redirects, no logging (URLs and headers may carry credentials).</summary>
    public const string ClientName = "Waymark.Delivery";

    private const int MaxErrorBodyChars = 200;

    /// <summary>The request body, built once per delivery so that every try sends the same bytes.</summary>
    public static string Body(OutgoingMessage m) => JsonSerializer.Serialize(new HttpDeliveryBody(
        m.Delivery.Id,
        m.Delivery.IdempotencyKey,
        m.Delivery.CustomerId,
        m.Delivery.JourneyId,
        new HttpDeliveryChannel(m.Channel.Id, m.Channel.Name, m.Channel.ChannelType),
        m.To,
        m.Message.Subject,
        m.Message.Body,
        m.Payload.Offer), JsonDefaults.Options);

    public async Task<SendResult> SendAsync(OutgoingMessage m, string body, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, m.Config.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in m.Config.Headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content.Headers.TryAddWithoutValidation(name, value);
        }
        request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, m.Delivery.IdempotencyKey);
        request.Headers.Add(WebhookSignature.DeliveryIdHeader, m.Delivery.Id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
        if (m.Config.Secret is { } secret) request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));

        // A network timeout is about the wall clock, which a test's fake clock does not move.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(m.Config.Timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return SendResult.Sent(status);
            var error = $"HTTP {status} {response.ReasonPhrase}: {await SnippetAsync(response, timeout.Token)}".TrimEnd(' ', ':');
            return IsTransient(response.StatusCode) ? SendResult.Retry(status, error) : SendResult.Fail(status, error);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendResult.Retry(null, $"no answer within {m.Config.Timeout} ms");
        }
        catch (HttpRequestException e)
        {
            return SendResult.Retry(e.StatusCode is { } code ? (int)code : null, e.Message);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static async Task<string> SnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length <= MaxErrorBodyChars ? text.Trim() : text[..MaxErrorBodyChars].Trim() + "…";
    }
}

/// <summary>What an HTTP delivery posts.</summary>
/// <param name="To">The customer's phone (sms) or push token (push) attribute, else the customer id.</param>
public sealed record HttpDeliveryBody(
    string DeliveryId,
    string IdempotencyKey,
    string CustomerId,
    string? JourneyId,
    HttpDeliveryChannel Channel,
    string To,
    string? Subject,
    string Body,
    JsonObject? Offer);

public sealed record HttpDeliveryChannel(string Id, string Name, string Type);
