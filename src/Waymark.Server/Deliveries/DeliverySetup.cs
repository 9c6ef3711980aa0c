namespace Waymark.Server.Deliveries;

public static class DeliverySetup
{
    public static IServiceCollection AddWaymarkDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DeliveryOptions>(configuration.GetSection("Delivery"));
        // A node that does not run the scheduler (API only) does not send either, unless told to.
        services.PostConfigure<DeliveryOptions>(o =>
        {
            o.Enabled = configuration.GetValue("Delivery:Enabled", configuration.GetValue("Runtime:Enabled", true));
            // SQLite has one writer: concurrent sends only queue their writes behind each other (and
            // its driver retries a busy database with a long sleep), so by default they go one at a time.
            var sqlite = !string.Equals(configuration["Database:Provider"], "postgres", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(configuration["Database:Provider"], "postgresql", StringComparison.OrdinalIgnoreCase);
            if (sqlite && configuration["Delivery:Concurrency"] is null) o.Concurrency = 1;
        });
        services.AddSingleton<DispatchSignal>();
        // Delivery URLs and headers may carry credentials: this client logs nothing, and follows no redirects.
        services.AddHttpClient(HttpChannelSender.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();
        services.AddSingleton<HttpChannelSender>();
        services.AddSingleton<SmtpChannelSender>();
        services.AddSingleton<DeliveryProcessor>();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryDispatcher>());
        return services;
    }
}
