using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Auth;

/// <summary>Auth:TrustedHeaders=true: a gateway in front has authenticated the caller and names the role in X-User-Role.</summary>
public sealed class TrustedHeadersTests(TrustedHeadersTests.GatewayApp gateway, SqliteApp keyed) : IClassFixture<TrustedHeadersTests.GatewayApp>
{
    private const string Journeys = "/api/v1/journeys";

    [Fact]
    public async Task An_editor_named_by_the_gateway_can_create_a_journey()
    {
        var created = await gateway.Client(Roles.Editor).PostJsonAsync(Journeys, new { name = "From the gateway" });

        created.AssertStatus(201);
    }

    [Fact]
    public async Task A_viewer_named_by_the_gateway_may_read_analytics_but_not_create()
    {
        var tenant = NewTenant();
        var id = (await gateway.Client(Roles.Admin, tenant).PostJsonAsync(Journeys, new { name = "Seen" })).Json.GetProperty("id").GetString();
        var viewer = gateway.Client(Roles.Viewer, tenant);

        (await viewer.PostJsonAsync(Journeys, new { name = "Not allowed" })).AssertError(403, "FORBIDDEN");
        (await viewer.GetJsonAsync($"{Journeys}/{id}/analytics")).AssertStatus(200);
    }

    [Fact]
    public async Task The_tenant_of_a_trusted_request_scopes_its_data()
    {
        var id = (await gateway.Client(Roles.Editor).PostJsonAsync(Journeys, new { name = "Mine" })).Json.GetProperty("id").GetString();

        (await gateway.Client(Roles.Editor).GetJsonAsync($"{Journeys}/{id}")).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task A_trusted_request_without_X_User_Role_answers_401_UNAUTHORIZED()
    {
        (await gateway.Client(role: null).GetJsonAsync(Journeys)).AssertError(401, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("superuser")]
    [InlineData("owner")]
    public async Task An_unknown_X_User_Role_answers_401_UNAUTHORIZED(string role)
    {
        (await gateway.Client(role).GetJsonAsync(Journeys)).AssertError(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Without_trusted_headers_X_User_Role_alone_answers_401_UNAUTHORIZED()
    {
        var client = keyed.AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", NewTenant());
        client.DefaultRequestHeaders.Add("X-User-Role", Roles.Admin);

        (await client.GetJsonAsync(Journeys)).AssertError(401, "UNAUTHORIZED");
        (await client.PostJsonAsync(Journeys, new { name = "Sneaky" })).AssertError(401, "UNAUTHORIZED");
    }

    private static string NewTenant() => $"t-{Guid.NewGuid():N}";

    public sealed class GatewayApp : IAsyncDisposable
    {
        private readonly WaymarkFactory _factory = new(Databases.Sqlite, Databases.NewSqliteFile(),
            new Dictionary<string, string?> { ["Auth:TrustedHeaders"] = "true" });

        /// <param name="role">The X-User-Role to send, or null to send none.</param>
        /// <param name="tenant">The X-Tenant-Id; a fresh tenant when null.</param>
        public HttpClient Client(string? role, string? tenant = null)
        {
            var client = _factory.CreateClient();
            client.DefaultRequestHeaders.Add("X-Tenant-Id", tenant ?? NewTenant());
            if (role is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("X-User-Role", role);
            return client;
        }

        public ValueTask DisposeAsync() => _factory.DisposeAsync();
    }
}
