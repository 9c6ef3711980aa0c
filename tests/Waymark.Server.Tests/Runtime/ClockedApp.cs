using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Waymark.Server.Runtime;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Runtime;

/// <summary>
/// A server of its own on a fresh database with a fake clock: tests move time instead of sleeping,
/// and run the scheduler's pass themselves.
/// </summary>
public sealed class ClockedApp : IAsyncDisposable
{
    private ClockedApp(WaymarkFactory factory, FakeTimeProvider clock)
    {
        Factory = factory;
        Clock = clock;
        Client = factory.CreateClient();
        Client.DefaultRequestHeaders.Add("X-Tenant-Id", "clocked");
        Client.DefaultRequestHeaders.Add("X-User-Role", "admin");
    }

    public WaymarkFactory Factory { get; }
    public FakeTimeProvider Clock { get; }
    public HttpClient Client { get; }

    public static async Task<ClockedApp> StartAsync(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero));
        var connectionString = provider == Databases.Postgres ? await Databases.NewPostgresDatabaseAsync() : Databases.NewSqliteFile();
        var factory = new WaymarkFactory(provider, connectionString, new Dictionary<string, string?>
        {
            ["Runtime:Enabled"] = "false",
            ["Auth:TrustedHeaders"] = "true",
        }, clock);
        _ = factory.Server;
        return new ClockedApp(factory, clock);
    }

    public Task<int> RunDueAsync() => Factory.Services.GetRequiredService<JourneyRunner>().RunDueAsync(CancellationToken.None);

    public Task<int> AdvanceAndRunAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return RunDueAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
