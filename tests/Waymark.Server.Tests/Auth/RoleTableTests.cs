using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Auth;

/// <summary>The reference's Roles table, endpoint by endpoint and role by role.</summary>
public abstract class RoleTableTests(TestApp app)
{
    private const string Admin = Roles.Admin;
    private const string Editor = Roles.Editor;
    private const string Viewer = Roles.Viewer;

    /// <summary>Endpoint, role, and the status it answers when allowed (null when the role is refused with 403).</summary>
    public static TheoryData<string, string, int?> Table { get; } = new()
    {
        { "GET /journeys", Admin, 200 }, { "GET /journeys", Editor, 200 }, { "GET /journeys", Viewer, null },
        { "GET /journeys/{id}", Admin, 200 }, { "GET /journeys/{id}", Editor, 200 }, { "GET /journeys/{id}", Viewer, null },
        { "POST /journeys", Admin, 201 }, { "POST /journeys", Editor, 201 }, { "POST /journeys", Viewer, null },
        { "PUT /journeys/{id}", Admin, 200 }, { "PUT /journeys/{id}", Editor, 200 }, { "PUT /journeys/{id}", Viewer, null },
        { "DELETE /journeys/{id}", Admin, 204 }, { "DELETE /journeys/{id}", Editor, null }, { "DELETE /journeys/{id}", Viewer, null },
        { "POST /journeys/{id}/enroll", Admin, 201 }, { "POST /journeys/{id}/enroll", Editor, 201 }, { "POST /journeys/{id}/enroll", Viewer, null },
        { "POST /journeys/{id}/test", Admin, 200 }, { "POST /journeys/{id}/test", Editor, 200 }, { "POST /journeys/{id}/test", Viewer, null },
        { "GET /journeys/{id}/analytics", Admin, 200 }, { "GET /journeys/{id}/analytics", Editor, 200 }, { "GET /journeys/{id}/analytics", Viewer, 200 },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_endpoint_admits_exactly_the_roles_of_the_reference_table(string endpoint, string role, int? allowedStatus)
    {
        var tenant = await app.NewTenantAsync();
        var id = await SampleJourneys.CreateActiveAsync(tenant.Client(Admin));
        var client = tenant.Client(role);

        var response = await CallAsync(client, endpoint, id);

        if (allowedStatus is { } status) response.AssertStatus(status);
        else response.AssertError(403, "FORBIDDEN");
    }

    [Fact]
    public async Task A_refused_role_changes_nothing()
    {
        var tenant = await app.NewTenantAsync();
        var id = await SampleJourneys.CreateActiveAsync(tenant.Client(Admin));

        (await tenant.Client(Editor).DeleteJsonAsync($"/api/v1/journeys/{id}")).AssertError(403, "FORBIDDEN");
        (await tenant.Client(Viewer).PutJsonAsync($"/api/v1/journeys/{id}", new { name = "Renamed" })).AssertError(403, "FORBIDDEN");
        (await tenant.Client(Viewer).PostJsonAsync($"/api/v1/journeys/{id}/enroll", new { customerId = "c1" })).AssertError(403, "FORBIDDEN");

        var journey = await tenant.Client(Editor).GetJsonAsync($"/api/v1/journeys/{id}");
        Assert.Equal("Onboarding", journey.Json.GetProperty("name").GetString());
        var funnel = (await tenant.Client(Viewer).GetJsonAsync($"/api/v1/journeys/{id}/analytics")).Json.GetProperty("funnel");
        Assert.Equal(0, funnel.GetProperty("totalEntries").GetInt32());
    }

    private static Task<ApiResponse> CallAsync(HttpClient client, string endpoint, string id)
    {
        var journey = $"/api/v1/journeys/{id}";
        return endpoint switch
        {
            "GET /journeys" => client.GetJsonAsync("/api/v1/journeys"),
            "GET /journeys/{id}" => client.GetJsonAsync(journey),
            "POST /journeys" => client.PostJsonAsync("/api/v1/journeys", new { name = "Created" }),
            "PUT /journeys/{id}" => client.PutJsonAsync(journey, new { name = "Renamed" }),
            "DELETE /journeys/{id}" => client.DeleteJsonAsync(journey),
            "POST /journeys/{id}/enroll" => client.PostJsonAsync($"{journey}/enroll", new { customerId = "c1" }),
            "POST /journeys/{id}/test" => client.PostJsonAsync($"{journey}/test", new { customerAttributes = new { tier = "gold" } }),
            "GET /journeys/{id}/analytics" => client.GetJsonAsync($"{journey}/analytics"),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "not an endpoint of the table"),
        };
    }
}

public sealed class RoleTableOnSqlite(SqliteApp app) : RoleTableTests(app);

public sealed class RoleTableOnPostgres(PostgresApp app) : RoleTableTests(app);
