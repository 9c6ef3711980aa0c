using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Waymark.Server.Auth;

/// <summary>The caller's key must belong to the request's tenant and carry at least <see cref="MinimumRole"/>.</summary>
public sealed class RoleRequirement(string minimumRole) : IAuthorizationRequirement
{
    public string MinimumRole { get; } = minimumRole;

    /// <summary>The roles allowed, for documentation: "admin, editor".</summary>
    public IEnumerable<string> AllowedRoles => Roles.All.Where(r => Roles.Rank(r) >= Roles.Rank(MinimumRole)).Reverse();
}

public sealed class RoleRequirementHandler(IHttpContextAccessor accessor) : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return Task.CompletedTask;

        var requestTenant = accessor.HttpContext?.Request.Headers[TenantHeader.Name].ToString();
        var keyTenant = context.User.FindFirstValue(ApiKeyAuthenticationHandler.TenantClaim);
        var role = context.User.FindFirstValue(ClaimTypes.Role);
        if (!string.Equals(requestTenant, keyTenant, StringComparison.Ordinal))
        {
            context.Fail(new AuthorizationFailureReason(this, "the API key belongs to another tenant"));
        }
        else if (Roles.Rank(role) < Roles.Rank(requirement.MinimumRole))
        {
            context.Fail(new AuthorizationFailureReason(this,
                $"role '{role}' may not do this; it needs {string.Join(" or ", requirement.AllowedRoles)}"));
        }
        else
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
