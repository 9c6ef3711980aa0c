using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Server.Auth;

namespace Waymark.Server.Tests.Infrastructure;

/// <summary>
/// One running server on one database, shared by the tests of a provider. Tests stay independent
/// by working in a tenant of their own (<see cref="NewTenantAsync"/>): tenancy is the isolation.
/// </summary>
public abstract class TestApp : IAsyncLifetime
{
    private WaymarkFactory? _factory;

    public abstract string Provider { get; }

    /// <summary>Why this provider cannot run here, or null.</summary>
    public string? UnavailableReason { get; private set; }

    public WaymarkFactory Factory => _factory ?? throw new InvalidOperationException("The app did not start.");

    protected abstract Task<string> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        try
        {
            var connectionString = await CreateDatabaseAsync();
            // The scheduler does not run by itself here: tests move enrollments with RunDueAsync,
            // so what they assert does not depend on timing.
            _factory = new WaymarkFactory(Provider, connectionString, new Dictionary<string, string?> { ["Runtime:Enabled"] = "false" });
            _ = _factory.Server; // start it (and migrate) now, not inside the first test
        }
        catch (PostgresUnavailableException e)
        {
            UnavailableReason = e.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A fresh tenant with a key per role.</summary>
    public async Task<Tenant> NewTenantAsync()
    {
        Databases.SkipUnlessAvailable(UnavailableReason);
        var tenant = new Tenant($"t-{Guid.NewGuid():N}", this);
        foreach (var role in Roles.All) await tenant.AddKeyAsync(role);
        return tenant;
    }

    public async Task<string> MintKeyAsync(string tenant, string role)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        return (await store.CreateAsync(tenant, role, "test", CancellationToken.None)).PlainKey;
    }

    /// <summary>Runs every due enrollment as the scheduler would, and returns how many passes it applied.</summary>
    public Task<int> RunDueAsync() =>
        Factory.Services.GetRequiredService<Waymark.Server.Runtime.JourneyRunner>().RunDueAsync(CancellationToken.None);

    /// <summary>A client with no headers at all.</summary>
    public HttpClient AnonymousClient() => Factory.CreateClient();
}

public sealed class SqliteApp : TestApp
{
    public override string Provider => Databases.Sqlite;

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(Databases.NewSqliteFile());
}

public sealed class PostgresApp : TestApp
{
    public override string Provider => Databases.Postgres;

    protected override Task<string> CreateDatabaseAsync() => Databases.NewPostgresDatabaseAsync();
}

public sealed class Tenant(string id, TestApp app)
{
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    public string Id { get; } = id;

    public string Key(string role) => _keys[role];

    public async Task AddKeyAsync(string role) => _keys[role] = await app.MintKeyAsync(Id, role);

    /// <summary>A client of this tenant authenticated with the role's key.</summary>
    public HttpClient Client(string role = Roles.Editor)
    {
        var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", Id);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _keys[role]);
        return client;
    }
}
