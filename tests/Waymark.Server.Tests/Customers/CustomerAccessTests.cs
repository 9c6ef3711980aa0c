using Microsoft.Extensions.DependencyInjection;
using Waymark.Server.Auth;
using Waymark.Server.Customers;
using Waymark.Server.Persistence;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Customers;

public abstract class CustomerAccessTests(TestApp app)
{
    private const string Admin = Roles.Admin;
    private const string Editor = Roles.Editor;
    private const string Viewer = Roles.Viewer;

    /// <summary>Endpoint, role, and the status it answers when allowed (null when the role is refused with 403).</summary>
    public static TheoryData<string, string, int?> Table { get; } = new()
    {
        { "PUT /customers/{id}", Admin, 200 }, { "PUT /customers/{id}", Editor, 200 }, { "PUT /customers/{id}", Viewer, null },
        { "PATCH /customers/{id}", Admin, 200 }, { "PATCH /customers/{id}", Editor, 200 }, { "PATCH /customers/{id}", Viewer, null },
        { "GET /customers/{id}", Admin, 200 }, { "GET /customers/{id}", Editor, 200 }, { "GET /customers/{id}", Viewer, null },
        { "DELETE /customers/{id}", Admin, 204 }, { "DELETE /customers/{id}", Editor, null }, { "DELETE /customers/{id}", Viewer, null },
        { "POST /customers/batch", Admin, 200 }, { "POST /customers/batch", Editor, 200 }, { "POST /customers/batch", Viewer, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_customer_endpoint_admits_exactly_its_roles(string endpoint, string role, int? allowedStatus)
    {
        var tenant = await app.NewTenantAsync();
        (await tenant.Client(Admin).PutJsonAsync("/api/v1/customers/c1", new { attributes = new { tier = "gold" } })).AssertStatus(201);
        var client = tenant.Client(role);

        var response = endpoint switch
        {
            "PUT /customers/{id}" => await client.PutJsonAsync("/api/v1/customers/c1", new { attributes = new { tier = "silver" } }),
            "PATCH /customers/{id}" => await client.SendJsonAsync(HttpMethod.Patch, "/api/v1/customers/c1", new { attributes = new { tier = "silver" } }),
            "GET /customers/{id}" => await client.GetJsonAsync("/api/v1/customers/c1"),
            "DELETE /customers/{id}" => await client.DeleteJsonAsync("/api/v1/customers/c1"),
            "POST /customers/batch" => await client.PostJsonAsync("/api/v1/customers/batch", new { customers = new[] { new { customerId = "c1", attributes = new { tier = "silver" } } } }),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "not a customer endpoint"),
        };

        if (allowedStatus is { } status)
        {
            response.AssertStatus(status);
            return;
        }
        response.AssertError(403, "FORBIDDEN");
        var unchanged = await tenant.Client(Admin).GetJsonAsync("/api/v1/customers/c1");
        CustomersApiTests.AssertJson("""{"tier":"gold"}""", unchanged.Json.GetProperty("attributes"));
    }

    [Fact]
    public async Task Another_tenants_customer_is_not_found_and_its_id_is_free_here()
    {
        var theirs = await app.NewTenantAsync();
        var mine = await app.NewTenantAsync();
        (await theirs.Client().PutJsonAsync("/api/v1/customers/c1", new { attributes = new { tier = "gold" } })).AssertStatus(201);

        (await mine.Client().GetJsonAsync("/api/v1/customers/c1")).AssertError(404, "NOT_FOUND");
        (await mine.Client().SendJsonAsync(HttpMethod.Patch, "/api/v1/customers/c1", new { attributes = new { score = 1 } })).AssertStatus(201);
        (await mine.Client().PostJsonAsync("/api/v1/customers/batch", new { customers = new[] { new { customerId = "c1", attributes = new { score = 2 } } } })).AssertStatus(200);
        (await mine.Client(Admin).DeleteJsonAsync("/api/v1/customers/c1")).AssertStatus(204);

        var theirsNow = await theirs.Client().GetJsonAsync("/api/v1/customers/c1");
        CustomersApiTests.AssertJson("""{"tier":"gold"}""", theirsNow.Json.GetProperty("attributes"));
    }

    [Fact]
    public async Task The_runtime_loads_the_attributes_of_many_customers_at_once_within_a_tenant()
    {
        var mine = await app.NewTenantAsync();
        var theirs = await app.NewTenantAsync();
        (await mine.Client().PostJsonAsync("/api/v1/customers/batch", """
            {"customers": [{"customerId": "a", "attributes": {"tier": "gold"}}, {"customerId": "b", "attributes": {"tier": "silver"}}]}
            """)).AssertStatus(200);
        (await theirs.Client().PutJsonAsync("/api/v1/customers/c", new { attributes = new { tier = "bronze" } })).AssertStatus(201);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WaymarkDbContext>();

        var loaded = await CustomerStore.LoadAttributesAsync(db, mine.Id, ["a", "b", "c", "missing", "a"], CancellationToken.None);

        Assert.Equal(["a", "b"], loaded.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("gold", loaded["a"].GetProperty("tier").GetString());
        Assert.Equal("silver", loaded["b"].GetProperty("tier").GetString());
        Assert.Empty(await CustomerStore.LoadAttributesAsync(db, mine.Id, [], CancellationToken.None));
    }
}

public sealed class CustomerAccessOnSqlite(SqliteApp app) : CustomerAccessTests(app);

public sealed class CustomerAccessOnPostgres(PostgresApp app) : CustomerAccessTests(app);
