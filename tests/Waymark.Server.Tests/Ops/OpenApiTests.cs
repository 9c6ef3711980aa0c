using System.Text.Json;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Ops;

public sealed class OpenApiTests(SqliteApp app)
{
    /// <summary>Path, method, and the roles its description must state (null for the unauthenticated probes).</summary>
    private static readonly (string Path, string Method, string? Roles)[] Documented =
    [
        ("/api/v1/journeys", "get", "admin, editor"),
        ("/api/v1/journeys", "post", "admin, editor"),
        ("/api/v1/journeys/{id}", "get", "admin, editor"),
        ("/api/v1/journeys/{id}", "put", "admin, editor"),
        ("/api/v1/journeys/{id}", "delete", "admin"),
        ("/api/v1/journeys/{id}/enroll", "post", "admin, editor"),
        ("/api/v1/journeys/{id}/test", "post", "admin, editor"),
        ("/api/v1/journeys/{id}/analytics", "get", "admin, editor, viewer"),
        ("/api/v1/events", "post", "admin, editor"),
        ("/api/v1/customers/batch", "post", "admin, editor"),
        ("/api/v1/customers/{customerId}", "get", "admin, editor"),
        ("/api/v1/customers/{customerId}", "put", "admin, editor"),
        ("/api/v1/customers/{customerId}", "patch", "admin, editor"),
        ("/api/v1/customers/{customerId}", "delete", "admin"),
        ("/api/v1/journeys/{id}/enrollments", "get", "admin, editor"),
        ("/api/v1/journeys/{id}/enrollments/{enrollmentId}", "get", "admin, editor"),
        ("/api/v1/offers", "get", "admin, editor"),
        ("/api/v1/offers", "post", "admin, editor"),
        ("/api/v1/offers/{id}", "get", "admin, editor"),
        ("/api/v1/offers/{id}", "put", "admin, editor"),
        ("/api/v1/offers/{id}", "delete", "admin"),
        ("/api/v1/decision-flows", "get", "admin, editor"),
        ("/api/v1/decision-flows", "post", "admin, editor"),
        ("/api/v1/decision-flows/{idOrKey}", "get", "admin, editor"),
        ("/api/v1/decision-flows/{idOrKey}", "put", "admin, editor"),
        ("/api/v1/decision-flows/{idOrKey}", "delete", "admin"),
        ("/api/v1/recommend", "post", "admin, editor"),
        ("/api/v1/channels", "get", "admin, editor"),
        ("/api/v1/channels", "post", "admin, editor"),
        ("/api/v1/channels/{id}", "get", "admin, editor"),
        ("/api/v1/channels/{id}", "put", "admin, editor"),
        ("/api/v1/channels/{id}", "delete", "admin"),
        ("/api/v1/deliveries", "get", "admin, editor"),
        ("/api/v1/deliveries/{id}", "get", "admin, editor"),
        ("/api/v1/deliveries/{id}/retry", "post", "admin, editor"),
        ("/api/v1/customers/{customerId}/inbox", "get", "admin, editor"),
        ("/healthz", "get", null),
        ("/readyz", "get", null),
    ];

    public static TheoryData<string, string, string?> Operations
    {
        get
        {
            var data = new TheoryData<string, string, string?>();
            foreach (var (path, method, roles) in Documented) data.Add(path, method, roles);
            return data;
        }
    }

    [Fact]
    public async Task The_document_is_served_as_JSON_without_a_key()
    {
        var response = await app.AnonymousClient().GetJsonAsync("/openapi/v1.json");

        response.AssertStatus(200);
        Assert.Equal("application/json", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("3.", response.Json.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_lists_every_path_with_exactly_its_methods()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        var listed = paths.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Keys().Order(StringComparer.Ordinal).ToArray());
        var expected = Documented.GroupBy(op => op.Path)
            .ToDictionary(g => g.Key, g => g.Select(op => op.Method).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), listed.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, methods) in expected)
        {
            Assert.Equal(methods, listed[path]);
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_api_operation_states_its_roles_tenant_header_and_auth_errors(string path, string method, string? roles)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);
        var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
        var responses = operation.GetProperty("responses").Keys();

        if (roles is null)
        {
            Assert.DoesNotContain(parameters, q => q.GetProperty("name").GetString() == "X-Tenant-Id");
            Assert.DoesNotContain("401", responses);
            return;
        }
        Assert.StartsWith($"Roles: {roles}.", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        var tenant = Assert.Single(parameters, q => q.GetProperty("name").GetString() == "X-Tenant-Id");
        Assert.Equal("header", tenant.GetProperty("in").GetString());
        Assert.True(tenant.GetProperty("required").GetBoolean());
        Assert.Contains("401", responses);
        Assert.Contains("403", responses);
        var schemes = operation.GetProperty("security").EnumerateArray().SelectMany(s => s.Keys()).ToList();
        Assert.Contains("bearer", schemes);
        Assert.Contains("apiKey", schemes);
    }

    [Fact]
    public async Task The_security_schemes_are_a_bearer_token_and_an_X_API_Key_header()
    {
        var schemes = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes");

        var bearer = schemes.GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        var apiKey = schemes.GetProperty("apiKey");
        Assert.Equal("apiKey", apiKey.GetProperty("type").GetString());
        Assert.Equal("header", apiKey.GetProperty("in").GetString());
        Assert.Equal("X-API-Key", apiKey.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_interactive_reference_is_served_at_docs()
    {
        using var response = await app.AnonymousClient().GetAsync("/docs");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
        // The page resolves the document against the site root, and loads its scripts from beside itself.
        Assert.Contains("\"openapi/v1.json\"", html, StringComparison.Ordinal);
        using var script = await app.AnonymousClient().GetAsync("/docs/scalar.js");
        Assert.Equal(200, (int)script.StatusCode);
    }

    [Fact]
    public async Task The_journey_list_documents_its_paging_parameters()
    {
        var document = await DocumentAsync();

        var parameters = document.GetProperty("paths").GetProperty("/api/v1/journeys").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();

        Assert.Contains("limit", parameters);
        Assert.Contains("offset", parameters);
        Assert.Contains("status", parameters);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await app.AnonymousClient().GetJsonAsync("/openapi/v1.json");
        response.AssertStatus(200);
        return response.Json;
    }
}
