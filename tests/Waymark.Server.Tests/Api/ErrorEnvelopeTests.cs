using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Api;

public abstract class ErrorEnvelopeTests(TestApp app)
{
    private const string Journeys = "/api/v1/journeys";

    // Comfortably past the default limit of 1 MiB.
    private static readonly string OversizedBody = JsonSerializer.Serialize(new { name = "Big", description = new string('d', 1_200_000) });

    [Fact]
    public async Task Malformed_JSON_answers_400_BAD_REQUEST()
    {
        var client = (await app.NewTenantAsync()).Client();

        (await client.PostJsonAsync(Journeys, """{"name": "Unclosed" """)).AssertError(400, "BAD_REQUEST");
        (await client.PostJsonAsync(Journeys, "{'name': 'single quotes'}")).AssertError(400, "BAD_REQUEST");
    }

    [Theory]
    [InlineData("""{"name": 5}""", "name")]
    [InlineData("""{"name": "ok", "maxDurationDays": "x"}""", "maxDurationDays")]
    [InlineData("""[{"name": "in an array"}]""", "body")]
    [InlineData("\"just a string\"", "body")]
    public async Task Wrong_JSON_types_answer_400_VALIDATION_ERROR_naming_the_field(string body, string field)
    {
        var client = (await app.NewTenantAsync()).Client();

        var fields = (await client.PostJsonAsync(Journeys, body)).AssertError(400, "VALIDATION_ERROR");

        Assert.Equal([field], fields);
    }

    [Theory]
    [InlineData("PATCH", Journeys)]
    [InlineData("DELETE", Journeys)]
    [InlineData("PATCH", "/api/v1/journeys/jrn_any")]
    [InlineData("GET", "/api/v1/journeys/jrn_any/enroll")]
    public async Task A_wrong_method_answers_405_in_the_envelope(string method, string path)
    {
        var client = (await app.NewTenantAsync()).Client(Roles.Admin);

        var response = await client.SendJsonAsync(new HttpMethod(method), path, method == "PATCH" ? new { name = "x" } : null);

        response.AssertError(405, "BAD_REQUEST");
    }

    [Fact]
    public async Task A_405_names_the_allowed_methods()
    {
        var client = (await app.NewTenantAsync()).Client(Roles.Admin);

        var response = await client.SendJsonAsync(HttpMethod.Patch, "/api/v1/journeys/jrn_any", new { name = "x" });

        response.AssertError(405, "BAD_REQUEST");
        Assert.Equal(["DELETE", "GET", "PUT"], response.Message.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_answers_415_UNSUPPORTED_MEDIA_TYPE()
    {
        var client = (await app.NewTenantAsync()).Client();

        using var plain = new StringContent("""{"name": "Plain"}""", Encoding.UTF8, "text/plain");
        (await PostContentAsync(client, plain)).AssertError(415, "UNSUPPORTED_MEDIA_TYPE");

        using var form = new FormUrlEncodedContent([new("name", "Form")]);
        (await PostContentAsync(client, form)).AssertError(415, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task A_JSON_media_type_with_parameters_or_a_json_suffix_is_accepted()
    {
        var client = (await app.NewTenantAsync()).Client();

        using var withCharset = new StringContent("""{"name": "Charset"}""", Encoding.UTF8, "application/json");
        withCharset.Headers.ContentType!.CharSet = "utf-8";
        (await PostContentAsync(client, withCharset)).AssertStatus(201);

        using var suffixed = new StringContent("""{"name": "Suffix"}""", Encoding.UTF8, "application/merge-patch+json");
        (await PostContentAsync(client, suffixed)).AssertStatus(201);
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413_PAYLOAD_TOO_LARGE()
    {
        var tenant = await app.NewTenantAsync();

        (await tenant.Client().PostJsonAsync(Journeys, OversizedBody)).AssertError(413, "PAYLOAD_TOO_LARGE");
        Assert.Equal(0, (await tenant.Client().GetJsonAsync(Journeys)).Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_answers_413_PAYLOAD_TOO_LARGE()
    {
        var tenant = await app.NewTenantAsync();
        // The default test client follows redirects, and buffers every body to be able to; this one streams it.
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Tenant-Id", tenant.Id);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Key(Roles.Editor));
        using var content = new UnsizedContent(OversizedBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, Journeys) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Infrastructure.Api.ReadAsync(await client.SendAsync(request));

        Assert.Null(content.Headers.ContentLength);
        response.AssertError(413, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Unknown_keys_in_the_body_are_ignored()
    {
        var client = (await app.NewTenantAsync()).Client();

        var created = await client.PostJsonAsync(Journeys, """{"name": "Extra", "color": "teal", "owner": {"team": "growth"}, "status": "active"}""");

        created.AssertStatus(201);
        Assert.DoesNotContain("color", created.Json.Keys());
        Assert.DoesNotContain("owner", created.Json.Keys());
        Assert.Equal("draft", created.Json.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("malformed JSON", 400)]
    [InlineData("validation", 400)]
    [InlineData("no tenant", 400)]
    [InlineData("no key", 401)]
    [InlineData("foreign key", 403)]
    [InlineData("unknown journey", 404)]
    [InlineData("unknown route", 404)]
    [InlineData("wrong method", 405)]
    [InlineData("plain text", 415)]
    [InlineData("oversized", 413)]
    public async Task Every_error_is_JSON_with_exactly_the_envelope_keys(string kind, int status)
    {
        var tenant = await app.NewTenantAsync();
        var other = await app.NewTenantAsync();

        var response = await ProvokeAsync(kind, tenant, other);

        Assert.Equal(status, response.Code);
        Assert.Equal("application/json", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["error"], response.Json.Keys());
        var error = response.Json.GetProperty("error");
        Assert.Equal(["code", "message", "status", "details"], error.Keys());
        Assert.Equal(JsonValueKind.String, error.GetProperty("code").ValueKind);
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.Equal(status, error.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Array, error.GetProperty("details").ValueKind);
        foreach (var detail in error.GetProperty("details").EnumerateArray())
        {
            Assert.Equal(["field", "message"], detail.Keys());
        }
    }

    private static async Task<ApiResponse> PostContentAsync(HttpClient client, HttpContent content) =>
        await Infrastructure.Api.ReadAsync(await client.PostAsync(Journeys, content));

    private static async Task<ApiResponse> ProvokeAsync(string kind, Tenant tenant, Tenant other)
    {
        var client = tenant.Client();
        switch (kind)
        {
            case "malformed JSON":
                return await client.PostJsonAsync(Journeys, "{");
            case "validation":
                return await client.PostJsonAsync(Journeys, """{"name": 5, "maxDurationDays": "x"}""");
            case "no tenant":
                client.DefaultRequestHeaders.Remove("X-Tenant-Id");
                return await client.GetJsonAsync(Journeys);
            case "no key":
                client.DefaultRequestHeaders.Authorization = null;
                return await client.GetJsonAsync(Journeys);
            case "foreign key":
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", other.Key(Roles.Admin));
                return await client.GetJsonAsync(Journeys);
            case "unknown journey":
                return await client.GetJsonAsync($"{Journeys}/jrn_missing");
            case "unknown route":
                return await client.GetJsonAsync("/api/v1/nowhere");
            case "wrong method":
                return await client.SendJsonAsync(HttpMethod.Patch, Journeys, new { name = "x" });
            case "plain text":
                using (var plain = new StringContent("name=x", Encoding.UTF8, "text/plain"))
                {
                    return await PostContentAsync(client, plain);
                }
            case "oversized":
                return await client.PostJsonAsync(Journeys, OversizedBody);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such error to provoke");
        }
    }
}

/// <summary>A JSON body whose length is not known up front, as a streaming client sends it.</summary>
internal sealed class UnsizedContent : HttpContent
{
    private readonly byte[] _bytes;

    public UnsizedContent(string json)
    {
        _bytes = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

public sealed class ErrorEnvelopeOnSqlite(SqliteApp app) : ErrorEnvelopeTests(app);

public sealed class ErrorEnvelopeOnPostgres(PostgresApp app) : ErrorEnvelopeTests(app);
