using System.Net;
using System.Text.Json;
using Waymark.Server.Auth;
using Waymark.Server.Tests.Infrastructure;

namespace Waymark.Server.Tests.Channels;

public abstract class ChannelsApiTests(TestApp app)
{
    private const string Secret = "whsec_super_secret_value";
    private const string Password = "smtp-password-secret";

    private static object Webhook(string name = "hooks") => new
    {
        name,
        channelType = "webhook",
        providerConfig = new { url = "https://hooks.example.com/waymark", secret = Secret, headers = new Dictionary<string, string> { ["Authorization"] = "Bearer header-secret" } },
        template = new { body = "{{ offer.name }}" },
    };

    private static object Email(string name = "mail") => new
    {
        name,
        channelType = "email",
        providerConfig = new { host = "smtp.example.com", port = 587, username = "mailer", password = Password, from = "Acme <news@acme.example>" },
        template = new { subject = "Hi {{ customer.firstName }}", body = "{{ offer.content.body }}" },
        frequencyCap = new { count = 3, hours = 24 },
        quietHours = new { start = "21:00", end = "08:00", timezone = "Europe/Berlin" },
    };

    [Fact]
    public async Task Create_answers_201_with_the_channel_and_never_its_secrets()
    {
        var client = (await app.NewTenantAsync()).Client();

        var created = await client.PostJsonAsync("/api/v1/channels", Webhook());
        var read = await client.GetJsonAsync(created.Message.Headers.Location!.OriginalString);
        var listed = await client.GetJsonAsync("/api/v1/channels");

        created.AssertStatus(201);
        Assert.Equal(["id", "name", "channelType", "status", "providerConfig", "template", "frequencyCap", "quietHours", "createdAt", "updatedAt"], created.Json.Keys());
        Assert.StartsWith("chn_", created.Json.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("active", created.Json.GetProperty("status").GetString());
        Assert.Equal(
            """{"url":"https://hooks.example.com/waymark","hasSecret":true,"headerNames":["Authorization"],"timeoutMs":10000}""",
            created.Json.GetProperty("providerConfig").GetRawText());
        Assert.Equal(created.Json.GetRawText(), read.Json.GetRawText());
        foreach (var text in new[] { created.Json.GetRawText(), read.Json.GetRawText(), listed.Json.GetRawText() })
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("header-secret", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_email_channel_shows_its_settings_but_not_its_password()
    {
        var client = (await app.NewTenantAsync()).Client();

        var created = await client.PostJsonAsync("/api/v1/channels", Email());

        created.AssertStatus(201);
        Assert.Equal(
            """{"host":"smtp.example.com","port":587,"tls":"starttls","username":"mailer","hasPassword":true,"from":"Acme <news@acme.example>","timeoutMs":10000}""",
            created.Json.GetProperty("providerConfig").GetRawText());
        Assert.Equal("""{"count":3,"hours":24}""", created.Json.GetProperty("frequencyCap").GetRawText());
        Assert.Equal("""{"start":"21:00","end":"08:00","timezone":"Europe/Berlin"}""", created.Json.GetProperty("quietHours").GetRawText());
        Assert.DoesNotContain(Password, created.Json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_in_app_channel_needs_no_provider_config()
    {
        var client = (await app.NewTenantAsync()).Client();

        var created = await client.PostJsonAsync("/api/v1/channels", new { name = "inbox", channelType = "in_app", template = new { body = "Hi" } });

        created.AssertStatus(201);
        Assert.Equal("{}", created.Json.GetProperty("providerConfig").GetRawText());
        Assert.Equal(JsonValueKind.Null, created.Json.GetProperty("frequencyCap").ValueKind);
    }

    [Fact]
    public async Task Every_invalid_webhook_setting_is_named()
    {
        var client = (await app.NewTenantAsync()).Client();

        var response = await client.PostJsonAsync("/api/v1/channels", new
        {
            name = "hooks",
            channelType = "webhook",
            status = "paused",
            providerConfig = new { url = "ftp://example.com/x", timeoutMs = 50, headers = new Dictionary<string, string> { ["Idempotency-Key"] = "x" } },
            frequencyCap = new { count = 0, hours = 1 },
            quietHours = new { start = "25:00", end = "08:00", timezone = "Mars/Olympus_Mons" },
        });

        Assert.Equal(
            ["status", "frequencyCap.count", "quietHours.start", "quietHours.timezone", "providerConfig.url", "providerConfig.secret",
             "providerConfig.headers.Idempotency-Key", "providerConfig.timeoutMs"],
            response.AssertError(400, "VALIDATION_ERROR"));
    }

    [Fact]
    public async Task Every_invalid_email_setting_is_named()
    {
        var client = (await app.NewTenantAsync()).Client();

        var response = await client.PostJsonAsync("/api/v1/channels", new
        {
            name = "mail",
            channelType = "email",
            providerConfig = new { host = "smtp.example.com", port = 0, tls = "tls13", from = "not an address", username = "mailer" },
            template = new { body = "Hi" },
        });

        Assert.Equal(
            ["providerConfig.tls", "providerConfig.from", "providerConfig.password", "providerConfig.port", "template.subject"],
            response.AssertError(400, "VALIDATION_ERROR"));
    }

    [Fact]
    public async Task A_template_that_is_not_valid_Liquid_is_a_400_with_the_parsers_message()
    {
        var client = (await app.NewTenantAsync()).Client();

        var response = await client.PostJsonAsync("/api/v1/channels", new
        {
            name = "inbox",
            channelType = "in_app",
            template = new { subject = "{{ customer.firstName ", body = "{% if customer.tier %}gold" },
        });

        Assert.Equal(["template.subject", "template.body"], response.AssertError(400, "VALIDATION_ERROR"));
        var detail = response.Json.GetProperty("error").GetProperty("details")[1].GetProperty("message").GetString()!;
        Assert.StartsWith("is not a valid Liquid template: ", detail, StringComparison.Ordinal);
        Assert.True(detail.Length > "is not a valid Liquid template: ".Length);
    }

    [Fact]
    public async Task A_second_channel_of_the_same_name_is_a_conflict_also_when_renaming()
    {
        var client = (await app.NewTenantAsync()).Client();
        (await client.PostJsonAsync("/api/v1/channels", Webhook("hooks"))).AssertStatus(201);
        var other = await client.PostJsonAsync("/api/v1/channels", Webhook("other"));

        var duplicate = await client.PostJsonAsync("/api/v1/channels", Email("hooks"));
        var rename = await client.PutJsonAsync($"/api/v1/channels/{other.Json.GetProperty("id").GetString()}", new { name = "hooks" });
        var elsewhere = await (await app.NewTenantAsync()).Client().PostJsonAsync("/api/v1/channels", Webhook("hooks"));

        duplicate.AssertError(409, "CONFLICT");
        rename.AssertError(409, "CONFLICT");
        elsewhere.AssertStatus(201);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_name_make_one_channel_and_conflicts()
    {
        var tenant = await app.NewTenantAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => tenant.Client().PostJsonAsync("/api/v1/channels", Webhook("race"))));

        Assert.Single(responses, r => r.Status == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.Status != HttpStatusCode.Created), r => r.AssertError(409, "CONFLICT"));
        Assert.Equal(1, (await tenant.Client().GetJsonAsync("/api/v1/channels")).Json.GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_update_keeps_secrets_it_leaves_out_and_clears_what_it_nulls()
    {
        var client = (await app.NewTenantAsync()).Client();
        var email = (await client.PostJsonAsync("/api/v1/channels", Email())).Json.GetProperty("id").GetString();

        var kept = await client.PutJsonAsync($"/api/v1/channels/{email}", new
        {
            providerConfig = new { host = "smtp2.example.com", port = 465, tls = "ssl", username = "mailer", from = "news@acme.example" },
            frequencyCap = (object?)null,
        });
        var noLogin = await client.PutJsonAsync($"/api/v1/channels/{email}", new
        {
            providerConfig = new { host = "smtp2.example.com", port = 25, tls = "none", from = "news@acme.example" },
        });

        kept.AssertStatus(200);
        Assert.True(kept.Json.GetProperty("providerConfig").GetProperty("hasPassword").GetBoolean());
        Assert.Equal("ssl", kept.Json.GetProperty("providerConfig").GetProperty("tls").GetString());
        Assert.Equal(JsonValueKind.Null, kept.Json.GetProperty("frequencyCap").ValueKind);
        Assert.Equal("Europe/Berlin", kept.Json.GetProperty("quietHours").GetProperty("timezone").GetString());
        Assert.False(noLogin.Json.GetProperty("providerConfig").GetProperty("hasPassword").GetBoolean());
        Assert.Equal(JsonValueKind.Null, noLogin.Json.GetProperty("providerConfig").GetProperty("username").ValueKind);
    }

    [Fact]
    public async Task A_webhook_keeps_its_secret_unless_given_a_new_one_and_cannot_lose_it()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = (await client.PostJsonAsync("/api/v1/channels", Webhook())).Json.GetProperty("id").GetString();

        var moved = await client.PutJsonAsync($"/api/v1/channels/{id}", new { providerConfig = new { url = "https://new.example.com/hook" } });
        var cleared = await client.PutJsonAsync($"/api/v1/channels/{id}", new { providerConfig = new { url = "https://new.example.com/hook", secret = (string?)null } });

        moved.AssertStatus(200);
        Assert.True(moved.Json.GetProperty("providerConfig").GetProperty("hasSecret").GetBoolean());
        Assert.Equal(["Authorization"], moved.Json.GetProperty("providerConfig").GetProperty("headerNames").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(["providerConfig.secret"], cleared.AssertError(400, "VALIDATION_ERROR"));
    }

    [Fact]
    public async Task Changing_the_channel_type_needs_a_provider_config_for_the_new_type()
    {
        var client = (await app.NewTenantAsync()).Client();
        var id = (await client.PostJsonAsync("/api/v1/channels", Webhook())).Json.GetProperty("id").GetString();

        var bare = await client.PutJsonAsync($"/api/v1/channels/{id}", new { channelType = "email" });
        var toInApp = await client.PutJsonAsync($"/api/v1/channels/{id}", new { channelType = "in_app", template = new { body = "Hi" } });

        Assert.Equal(["providerConfig", "template.subject"], bare.AssertError(400, "VALIDATION_ERROR"));
        toInApp.AssertStatus(200);
        Assert.Equal("{}", toInApp.Json.GetProperty("providerConfig").GetRawText());
    }

    [Fact]
    public async Task Delete_needs_an_admin_and_removes_the_channel()
    {
        var tenant = await app.NewTenantAsync();
        var id = (await tenant.Client().PostJsonAsync("/api/v1/channels", Webhook())).Json.GetProperty("id").GetString();

        var byEditor = await tenant.Client(Roles.Editor).DeleteJsonAsync($"/api/v1/channels/{id}");
        var byAdmin = await tenant.Client(Roles.Admin).DeleteJsonAsync($"/api/v1/channels/{id}");
        var after = await tenant.Client().GetJsonAsync($"/api/v1/channels/{id}");

        byEditor.AssertError(403, "FORBIDDEN");
        byAdmin.AssertStatus(204);
        after.AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task Another_tenants_channel_is_not_found()
    {
        var id = (await (await app.NewTenantAsync()).Client().PostJsonAsync("/api/v1/channels", Webhook())).Json.GetProperty("id").GetString();
        var stranger = await app.NewTenantAsync();

        (await stranger.Client().GetJsonAsync($"/api/v1/channels/{id}")).AssertError(404, "NOT_FOUND");
        (await stranger.Client().PutJsonAsync($"/api/v1/channels/{id}", new { name = "mine" })).AssertError(404, "NOT_FOUND");
        (await stranger.Client(Roles.Admin).DeleteJsonAsync($"/api/v1/channels/{id}")).AssertError(404, "NOT_FOUND");
    }

    [Fact]
    public async Task The_list_filters_by_type_and_status_newest_first_in_pages()
    {
        var client = (await app.NewTenantAsync()).Client();
        var first = (await client.PostJsonAsync("/api/v1/channels", Webhook("a"))).Json.GetProperty("id").GetString();
        var second = (await client.PostJsonAsync("/api/v1/channels", Email("b"))).Json.GetProperty("id").GetString();
        var third = (await client.PostJsonAsync("/api/v1/channels", Webhook("c"))).Json.GetProperty("id").GetString();
        (await client.PutJsonAsync($"/api/v1/channels/{third}", new { status = "inactive" })).AssertStatus(200);

        async Task<List<string?>> IdsAsync(string query) =>
            [.. (await client.GetJsonAsync($"/api/v1/channels{query}")).Json.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString())];

        Assert.Equal([third, second, first], await IdsAsync(""));
        Assert.Equal([third, first], await IdsAsync("?channelType=webhook"));
        Assert.Equal([second, first], await IdsAsync("?status=active"));
        Assert.Equal([second], await IdsAsync("?limit=1&offset=1"));
        Assert.Equal(["channelType", "status"], (await client.GetJsonAsync("/api/v1/channels?channelType=fax&status=on")).AssertError(400, "VALIDATION_ERROR"));
    }
}

public sealed class ChannelsApiOnSqlite(SqliteApp app) : ChannelsApiTests(app);

public sealed class ChannelsApiOnPostgres(PostgresApp app) : ChannelsApiTests(app);
