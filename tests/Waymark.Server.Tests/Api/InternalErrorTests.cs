using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Api;

/// <summary>A server with one extra route that fails like a bug would, so the 500 path can be seen from outside.</summary>
public sealed class InternalErrorTests(InternalErrorTests.FailingApp app) : IClassFixture<InternalErrorTests.FailingApp>
{
    private const string Secret = "connection to db-7.internal refused for user waymark_rw";

    [Theory]
    [InlineData("/boom")]
    [InlineData("/api/v1/boom")]
    public async Task An_unhandled_exception_answers_500_INTERNAL_without_leaking_what_went_wrong(string path)
    {
        var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "acme");

        var response = await client.GetJsonAsync(path);

        response.AssertError(500, "INTERNAL");
        Assert.Equal("application/json", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["code", "message", "status", "details"], response.Json.GetProperty("error").Keys());
        Assert.Equal(0, response.Json.GetProperty("error").GetProperty("details").GetArrayLength());
        var body = response.Json.GetRawText();
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(FailingApp), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_keeps_answering_after_an_unhandled_exception()
    {
        var client = app.Factory.CreateClient();

        (await client.GetJsonAsync("/boom")).AssertError(500, "INTERNAL");

        (await client.GetJsonAsync("/healthz")).AssertStatus(200);
    }

    public sealed class FailingApp : IAsyncDisposable
    {
        private readonly WaymarkFactory _root = new(Databases.Sqlite, Databases.NewSqliteFile());

        public FailingApp() => Factory = _root.WithWebHostBuilder(builder =>
        {
            // Production, so no developer exception page could be the one answering.
            builder.UseEnvironment("Production");
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingRoute>());
        });

        public WebApplicationFactory<Program> Factory { get; }

        public async ValueTask DisposeAsync()
        {
            await Factory.DisposeAsync();
            await _root.DisposeAsync();
        }
    }

    // Appended after the application's own pipeline: runs for paths no endpoint took, inside the error handling.
    private sealed class FailingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            next(builder);
            builder.Use((HttpContext context, RequestDelegate rest) =>
                context.Request.Path.Value?.EndsWith("/boom", StringComparison.Ordinal) == true
                    ? throw new InvalidOperationException(Secret)
                    : rest(context));
        };
    }
}
