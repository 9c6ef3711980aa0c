namespace Waymark.Bench;

/// <summary>
/// A webhook receiver on a loopback port that answers 200 at once: it reads each body to its end
/// and counts it, and checks nothing else, so that what is measured is the sender.
/// </summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _received;
    private long _bodyBytes;

    private WebhookSink(WebApplication app) => _app = app;

    public string Url => _app.Urls.Single() + "/hook";

    public long Received => Interlocked.Read(ref _received);

    public double MeanBodyBytes => Received == 0 ? 0 : (double)Interlocked.Read(ref _bodyBytes) / Received;

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new WebhookSink(app);
        app.MapPost("/hook", sink.ReceiveAsync);
        await app.StartAsync();
        return sink;
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _received, 0);
        Interlocked.Exchange(ref _bodyBytes, 0);
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        await request.Body.CopyToAsync(Stream.Null);
        Interlocked.Add(ref _bodyBytes, request.ContentLength ?? 0);
        Interlocked.Increment(ref _received);
        return Results.Ok();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
