using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Waymark.Server.Tests.Deliveries;

/// <summary>
/// A real HTTP receiver on a loopback port, as a customer would run one: it checks each request's
/// signature, honours Idempotency-Key (a key it has already processed is answered 200 and not
/// processed again), and answers what <see cref="Respond"/> says for each call.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _secret;
    private readonly ConcurrentDictionary<string, int> _processed = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Received> _requests = new();
    private int _calls;

    private WebhookReceiver(WebApplication app, string secret)
    {
        _app = app;
        _secret = secret;
    }

    public sealed record Received(string? IdempotencyKey, string Body, bool SignatureValid, IReadOnlyDictionary<string, string> Headers);

    /// <summary>The status to answer the n-th call (1-based) with; 200 unless set.</summary>
    public Func<int, int> Respond { get; set; } = _ => 200;

    public string Url => _app.Urls.Single() + "/hook";

    public int Calls => _calls;

    public IReadOnlyList<Received> Requests => [.. _requests];

    /// <summary>How often each key was processed: a receiver honouring Idempotency-Key processes each once.</summary>
    public IReadOnlyDictionary<string, int> Processed => _processed;

    public static async Task<WebhookReceiver> StartAsync(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, secret);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        var call = Interlocked.Increment(ref _calls);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var key = request.Headers["Idempotency-Key"].ToString();
        var valid = SignatureIsValid(request.Headers["X-Waymark-Timestamp"].ToString(), body, request.Headers["X-Waymark-Signature"].ToString());
        _requests.Enqueue(new Received(key, body, valid, request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        if (!valid) return Results.StatusCode(401);

        var status = Respond(call);
        if (status is >= 200 and < 300) _processed.AddOrUpdate(key, 1, (_, n) => n);
        return Results.StatusCode(status);
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
