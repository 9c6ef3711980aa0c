using Microsoft.AspNetCore.Authorization;

namespace Waymark.Server.Auth;

public static class AuthSetup
{
    /// <summary>Policy names, one per minimum role.</summary>
    public const string ViewerPolicy = "role:viewer";
    public const string EditorPolicy = "role:editor";
    public const string AdminPolicy = "role:admin";

    public static IServiceCollection AddWaymarkAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<KeyHasher>();
        services.AddSingleton<IAuthorizationHandler, RoleRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ErrorAuthorizationResultHandler>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName,
                o => o.TrustedHeaders = configuration.GetValue("Auth:TrustedHeaders", false));
        services.AddAuthorizationBuilder()
            .AddPolicy(ViewerPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new RoleRequirement(Roles.Viewer)))
            .AddPolicy(EditorPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new RoleRequirement(Roles.Editor)))
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new RoleRequirement(Roles.Admin)));
        return services;
    }
}
