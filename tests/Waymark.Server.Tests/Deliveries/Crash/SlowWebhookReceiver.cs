using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Waymark.Server.Tests.Deliveries.Crash;

/// <summary>
/// A webhook receiver on a loopback port that takes its time over each request, as one doing real
/// work would, and honours Idempotency-Key: a key it has processed is answered 200 and not
/// processed again. It finishes a request it has read even when the sender has gone meanwhile, so
/// a sender killed mid-request leaves work done that it never heard of — and sends it again.
/// </summary>
public sealed class SlowWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _secret;
    private readonly TimeSpan _latency;
    private readonly ConcurrentDictionary<string, int> _received = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Processing> _processed = new(StringComparer.Ordinal);
    private int _rejected;
    private int _altered;

    private SlowWebhookReceiver(WebApplication app, string secret, TimeSpan latency)
    {
        _app = app;
        _secret = secret;
        _latency = latency;
    }

    /// <summary>What processing a key did: for the delivery named by the request, with its body.</summary>
    public sealed record Processing(string DeliveryId, string Body);

    public string Url => _app.Urls.Single() + "/hook";

    /// <summary>Correctly signed requests received per idempotency key, redeliveries included.</summary>
    public IReadOnlyDictionary<string, int> Received => _received;

    /// <summary>The keys processed, each once by construction; what matters is which.</summary>
    public IReadOnlyDictionary<string, Processing> Processed => _processed;

    /// <summary>Requests refused for a missing or wrong signature.</summary>
    public int Rejected => _rejected;

    /// <summary>Redeliveries whose body differed from the one processed under their key: a receiver would drop the change.</summary>
    public int Altered => _altered;

    public static async Task<SlowWebhookReceiver> StartAsync(string secret, TimeSpan latency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new SlowWebhookReceiver(app, secret, latency);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        if (!SignatureIsValid(request.Headers["X-Waymark-Timestamp"].ToString(), body, request.Headers["X-Waymark-Signature"].ToString()))
        {
            Interlocked.Increment(ref _rejected);
            return Results.StatusCode(401);
        }
        var key = request.Headers["Idempotency-Key"].ToString();
        _received.AddOrUpdate(key, 1, (_, n) => n + 1);

        // Deliberately not cancelled with the request: the work goes on when the sender has gone.
        await Task.Delay(_latency, CancellationToken.None);
        var processing = new Processing(request.Headers["X-Waymark-Delivery-Id"].ToString(), body);
        if (!_processed.TryAdd(key, processing) && !string.Equals(_processed[key].Body, body, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _altered);
        }
        return Results.Ok();
    }

    // Computed here from the documented scheme, independently of the server's own code.
    private bool SignatureIsValid(string timestamp, string body, string signature)
    {
        if (string.IsNullOrEmpty(timestamp) || !signature.StartsWith("sha256=", StringComparison.Ordinal)) return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(expected)), Encoding.ASCII.GetBytes(signature["sha256=".Length..]));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
