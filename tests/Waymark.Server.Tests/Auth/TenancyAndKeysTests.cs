using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Auth;

public abstract class TenancyAndKeysTests(TestApp app)
{
    private const string Journeys = "/api/v1/journeys";

    [Fact]
    public async Task A_request_without_X_Tenant_Id_answers_400_BAD_REQUEST()
    {
        var tenant = await app.NewTenantAsync();
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Key(Roles.Admin));

        (await client.GetJsonAsync(Journeys)).AssertError(400, "BAD_REQUEST");
    }

    [Theory]
    [InlineData("65 characters")]
    [InlineData("a b")]
    [InlineData("a/b")]
    public async Task A_malformed_tenant_answers_400_BAD_REQUEST(string kind)
    {
        var tenant = await app.NewTenantAsync();
        var malformed = kind == "65 characters" ? new string('t', 65) : kind;
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Tenant-Id", malformed);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Key(Roles.Admin));

        (await client.GetJsonAsync(Journeys)).AssertError(400, "BAD_REQUEST");
    }

    [Fact]
    public async Task A_tenant_of_64_allowed_characters_is_accepted()
    {
        Databases.SkipUnlessAvailable(app.UnavailableReason);
        var id = $"Ab0._-{Guid.NewGuid():N}".PadRight(64, 'z');
        var key = await app.MintKeyAsync(id, Roles.Editor);
        var client = ClientFor(id);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        (await client.GetJsonAsync(Journeys)).AssertStatus(200);
    }

    [Fact]
    public async Task A_request_without_a_key_answers_401_UNAUTHORIZED()
    {
        var tenant = await app.NewTenantAsync();

        (await ClientFor(tenant.Id).GetJsonAsync(Journeys)).AssertError(401, "UNAUTHORIZED");
    }

    [Theory]
    [InlineData("krn_nope")]
    [InlineData("not-a-waymark-key")]
    public async Task An_unknown_key_answers_401_UNAUTHORIZED(string key)
    {
        var tenant = await app.NewTenantAsync();
        var client = ClientFor(tenant.Id);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        (await client.GetJsonAsync(Journeys)).AssertError(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task The_X_API_Key_header_works_like_a_bearer_token()
    {
        var tenant = await app.NewTenantAsync();
        var client = ClientFor(tenant.Id);
        client.DefaultRequestHeaders.Add("X-API-Key", tenant.Key(Roles.Editor));

        (await client.PostJsonAsync(Journeys, new { name = "Via X-API-Key" })).AssertStatus(201);
        (await client.GetJsonAsync(Journeys)).AssertStatus(200);
    }

    [Fact]
    public async Task An_unknown_key_in_X_API_Key_answers_401_UNAUTHORIZED()
    {
        var tenant = await app.NewTenantAsync();
        var client = ClientFor(tenant.Id);
        client.DefaultRequestHeaders.Add("X-API-Key", "krn_nope");

        (await client.GetJsonAsync(Journeys)).AssertError(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_revoked_key_answers_401_UNAUTHORIZED()
    {
        var tenant = await app.NewTenantAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var minted = await store.CreateAsync(tenant.Id, Roles.Admin, "to revoke", CancellationToken.None);
        var client = ClientFor(tenant.Id);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", minted.PlainKey);
        (await client.GetJsonAsync(Journeys)).AssertStatus(200);

        Assert.True(await store.RevokeAsync(minted.Record.Id, CancellationToken.None));

        (await client.GetJsonAsync(Journeys)).AssertError(401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_key_of_another_tenant_answers_403_FORBIDDEN()
    {
        var tenant = await app.NewTenantAsync();
        var other = await app.NewTenantAsync();
        var client = ClientFor(tenant.Id);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", other.Key(Roles.Admin));

        (await client.GetJsonAsync(Journeys)).AssertError(403, "FORBIDDEN");
    }

    [Fact]
    public async Task An_unknown_route_under_api_v1_answers_404_NOT_FOUND()
    {
        var client = (await app.NewTenantAsync()).Client(Roles.Admin);

        (await client.GetJsonAsync("/api/v1/no-such-thing")).AssertError(404, "NOT_FOUND");
        (await client.PostJsonAsync("/api/v1/journeys/jrn_x/teleport", new { })).AssertError(404, "NOT_FOUND");
    }

    [Theory]
    [InlineData("/healthz", "ok")]
    [InlineData("/readyz", "ready")]
    public async Task Health_endpoints_need_no_key_nor_tenant(string path, string status)
    {
        Databases.SkipUnlessAvailable(app.UnavailableReason);

        var response = await app.AnonymousClient().GetJsonAsync(path);

        response.AssertStatus(200);
        Assert.Equal(status, response.Json.GetProperty("status").GetString());
    }

    private HttpClient ClientFor(string tenant)
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", tenant);
        return client;
    }
}

public sealed class TenancyAndKeysOnSqlite(SqliteApp app) : TenancyAndKeysTests(app);

public sealed class TenancyAndKeysOnPostgres(PostgresApp app) : TenancyAndKeysTests(app);
