using Scalar.AspNetCore;
using Waymark.Server.Analytics;
using Waymark.Server.Api;
using Waymark.Server.Auth;
using Waymark.Server.Channels;
using Waymark.Server.Customers;
using Waymark.Server.Decisioning;
using Waymark.Server.Deliveries;
using Waymark.Server.Enrollments;
using Waymark.Server.Events;
using Waymark.Server.Health;
using Waymark.Server.Journeys;
using Waymark.Server.Offers;
using Waymark.Server.Persistence;
using Waymark.Server.Runtime;

namespace Waymark.Server;

/// <summary>The table of contents: what the service is made of, and the order requests pass through it.</summary>
public static class WaymarkApp
{
    public static WebApplicationBuilder AddWaymark(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // The documented default address, also when the binary runs outside its folder (no appsettings.json).
        if (string.IsNullOrEmpty(configuration["urls"])) builder.WebHost.UseUrls("http://localhost:5080");

        services.AddSingleton(TimeProvider.System);
        services.Configure<ApiOptions>(configuration.GetSection("Api"));
        var maxBody = configuration.GetValue("Api:MaxBodyBytes", new ApiOptions().MaxBodyBytes);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);
        services.ConfigureHttpJsonOptions(o => JsonDefaults.Configure(o.SerializerOptions));

        services.AddWaymarkDatabase(configuration);
        services.AddHostedService<MigrateOnStartup>();
        services.AddWaymarkAuth(configuration);
        services.AddWaymarkOpenApi();

        services.AddScoped<ApiKeyStore>();
        services.AddScoped<EnrollmentWriter>();
        services.AddScoped<EventIngest>();
        services.AddWaymarkRuntime(configuration);
        services.AddWaymarkDelivery(configuration);
        return builder;
    }

    public static WebApplication UseWaymark(this WebApplication app)
    {
        app.UseRequestLogging();
        app.UseErrorEnvelope();
        app.UseTenantHeader();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/docs", o => o.WithTitle("Waymark API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealth();

        var journeys = app.MapJourneys();
        journeys.MapEnroll();
        journeys.MapJourneyTest();
        journeys.MapJourneyAnalytics();
        journeys.MapEnrollments();
        app.MapCustomers();
        app.MapEvents();
        app.MapChannels();
        app.MapDeliveries();
        app.MapOffers();
        app.MapDecisionFlows();
        app.MapRecommend();
        return app;
    }
}
