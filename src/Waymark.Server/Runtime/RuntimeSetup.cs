namespace Waymark.Server.Runtime;

public static class RuntimeSetup
{
    public static IServiceCollection AddWaymarkRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RuntimeOptions>(configuration.GetSection("Runtime"));
        services.AddSingleton<RuntimeSignal>();
        services.AddSingleton<DefinitionCache>();
        services.AddScoped<EnrollmentClaims>();
        services.AddScoped<StepApplier>();
        services.AddSingleton<JourneyRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<JourneyRunner>());
        return services;
    }
}
