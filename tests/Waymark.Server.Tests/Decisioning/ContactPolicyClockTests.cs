using Waymark.Server.Tests.Infrastructure;
using Waymark.Server.Tests.Offers;
using Waymark.Server.Tests.Runtime;

namespace Waymark.Server.Tests.Decisioning;

public abstract class ContactPolicyClockTests(TestApp fixture)
{
    [Fact]
    public async Task An_offer_returns_once_its_window_has_passed()
    {
        Databases.SkipUnlessAvailable(fixture.UnavailableReason);
        await using var app = await ClockedApp.StartAsync(fixture.Provider);
        var best = await SampleOffers.CreateAsync(app.Client, "Best", new { priority = 90 });
        var next = await SampleOffers.CreateAsync(app.Client, "Next", new { priority = 60 });
        await SampleOffers.CreateFlowAsync(app.Client, "daily", new { contactPolicy = new { hours = 24 } });
        var request = new { customerId = "c1", decisionFlowKey = "daily", limit = 1 };

        var first = await app.Client.PostJsonAsync("/api/v1/recommend", request);
        app.Clock.Advance(TimeSpan.FromHours(12));
        var halfDay = await app.Client.PostJsonAsync("/api/v1/recommend", request);
        app.Clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromMilliseconds(1));
        var justBefore = await app.Client.PostJsonAsync("/api/v1/recommend", request);
        app.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var dayLater = await app.Client.PostJsonAsync("/api/v1/recommend", request);

        Assert.Equal(best, OfferOf(first));
        Assert.Equal(next, OfferOf(halfDay));
        Assert.Null(OfferOf(justBefore));
        Assert.Equal(best, OfferOf(dayLater));
    }

    [Fact]
    public async Task An_offer_is_made_only_within_its_schedule()
    {
        Databases.SkipUnlessAvailable(fixture.UnavailableReason);
        await using var app = await ClockedApp.StartAsync(fixture.Provider);
        // The clock starts at 2026-03-16T09:00Z.
        var sale = await SampleOffers.CreateAsync(app.Client, "Sale", new { startAt = "2026-03-16T10:00:00.000Z", endAt = "2026-03-16T12:00:00.000Z" });
        var request = new { customerId = "c1" };

        var before = await app.Client.PostJsonAsync("/api/v1/recommend", request);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var atStart = await app.Client.PostJsonAsync("/api/v1/recommend", request);
        app.Clock.Advance(TimeSpan.FromHours(2));
        var atEnd = await app.Client.PostJsonAsync("/api/v1/recommend", request);

        Assert.Null(OfferOf(before));
        Assert.Equal(sale, OfferOf(atStart));
        Assert.Null(OfferOf(atEnd));
    }

    private static string? OfferOf(ApiResponse answer)
    {
        answer.AssertStatus(200);
        var decisions = answer.Json.GetProperty("decisions");
        return decisions.GetArrayLength() == 0 ? null : decisions[0].GetProperty("offerId").GetString();
    }
}

public sealed class ContactPolicyClockOnSqlite(SqliteApp fixture) : ContactPolicyClockTests(fixture);

public sealed class ContactPolicyClockOnPostgres(PostgresApp fixture) : ContactPolicyClockTests(fixture);
