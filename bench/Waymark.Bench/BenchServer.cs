using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Waymark.Server;
using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Bench;

/// <summary>The real server on Kestrel, on a loopback port, over a fresh database of the chosen provider.</summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchServer(WebApplication app, string provider, string connectionString, HttpClient client, string tenant)
    {
        _app = app;
        Provider = provider;
        ConnectionString = connectionString;
        Client = client;
        Tenant = tenant;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    public HttpClient Client { get; }
    public string Tenant { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Extra configuration as <c>Key=Value</c>, e.g. <c>Runtime:Enabled=false</c>.</param>
    public static async Task<BenchServer> StartAsync(string provider, params string[] settings)
    {
        var connectionString = provider == "postgres" ? await NewPostgresDatabaseAsync() : NewSqliteFile();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [$"--Database:Provider={provider}", $"--ConnectionStrings:Waymark={connectionString}", "--urls=http://127.0.0.1:0",
                .. settings.Select(s => $"--{s}")],
        });
        builder.Logging.ClearProviders();
        builder.AddWaymark();
        var app = builder.Build();
        app.UseWaymark();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        const string tenant = "bench";
        await using var scope = app.Services.CreateAsyncScope();
        var key = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().CreateAsync(tenant, Roles.Admin, "bench", CancellationToken.None);
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add("X-Tenant-Id", tenant);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.PlainKey);
        return new BenchServer(app, provider, connectionString, client, tenant);
    }

    private static string NewSqliteFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "waymark-bench");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, $"{Guid.NewGuid():N}.db")}";
    }

    private static async Task<string> NewPostgresDatabaseAsync()
    {
        var cluster = await PostgresCluster.Shared;
        var name = $"bench_{Guid.NewGuid():N}";
        await cluster.CreateDatabaseAsync(name);
        return cluster.ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Provider != "postgres")
        {
            // A run writes hundreds of megabytes; leave nothing behind.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
