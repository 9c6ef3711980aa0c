using System.Text.Json;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Customers;

public sealed class CustomersOpenApiTests(SqliteApp app)
{
    [Theory]
    [InlineData("/api/v1/customers/{customerId}", "get", "admin, editor")]
    [InlineData("/api/v1/customers/{customerId}", "put", "admin, editor")]
    [InlineData("/api/v1/customers/{customerId}", "patch", "admin, editor")]
    [InlineData("/api/v1/customers/{customerId}", "delete", "admin")]
    [InlineData("/api/v1/customers/batch", "post", "admin, editor")]
    [InlineData("/api/v1/journeys/{id}/enrollments", "get", "admin, editor")]
    [InlineData("/api/v1/journeys/{id}/enrollments/{enrollmentId}", "get", "admin, editor")]
    public async Task Each_operation_is_documented_with_its_roles_summary_and_errors(string path, string method, string roles)
    {
        var document = (await app.AnonymousClient().GetJsonAsync("/openapi/v1.json")).Json;

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.StartsWith($"Roles: {roles}.", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        var responses = operation.GetProperty("responses").Keys();
        Assert.Contains("401", responses);
        Assert.Contains("403", responses);
        Assert.Contains("404", responses);
    }

    [Fact]
    public async Task The_enrollment_list_documents_its_paging_and_filters()
    {
        var document = (await app.AnonymousClient().GetJsonAsync("/openapi/v1.json")).Json;

        var parameters = document.GetProperty("paths").GetProperty("/api/v1/journeys/{id}/enrollments").GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();

        Assert.Superset(new HashSet<string?> { "limit", "offset", "status", "customerId" }, parameters.ToHashSet());
    }

    [Fact]
    public async Task Put_and_patch_document_both_created_and_replaced_answers()
    {
        var document = (await app.AnonymousClient().GetJsonAsync("/openapi/v1.json")).Json;
        var item = document.GetProperty("paths").GetProperty("/api/v1/customers/{customerId}");

        foreach (var method in new[] { "put", "patch" })
        {
            var responses = item.GetProperty(method).GetProperty("responses").Keys();
            Assert.Contains("200", responses);
            Assert.Contains("201", responses);
            Assert.Equal(JsonValueKind.Object, item.GetProperty(method).GetProperty("requestBody").ValueKind);
        }
    }
}
