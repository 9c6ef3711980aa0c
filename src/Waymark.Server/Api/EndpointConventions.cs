using Waymark.Server.Auth;

namespace Waymark.Server.Api;

/// <summary>The roles an endpoint admits, kept as metadata so the OpenAPI document can state them.</summary>
public sealed record AllowedRoles(IReadOnlyList<string> Roles);

/// <summary>Marks a list endpoint, so the OpenAPI document declares its limit and offset.</summary>
public sealed record Paginated;

public static class EndpointConventions
{
    /// <summary>Requires the policy's minimum role and documents the errors every such endpoint can give.</summary>
    public static RouteHandlerBuilder RequireRole(this RouteHandlerBuilder builder, string policy)
    {
        var minimum = policy switch
        {
            AuthSetup.AdminPolicy => Roles.Admin,
            AuthSetup.EditorPolicy => Roles.Editor,
            _ => Roles.Viewer,
        };
        return builder.RequireAuthorization(policy)
            .WithMetadata(new AllowedRoles([.. new RoleRequirement(minimum).AllowedRoles]))
            .ProducesErrors(400, 401, 403, 404);
    }

    /// <summary>Offset pagination (limit, offset) are read by hand for precise errors; this documents them.</summary>
    public static RouteHandlerBuilder Paginated(this RouteHandlerBuilder builder) => builder.WithMetadata(new Paginated());

    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder) where T : notnull =>
        builder.Accepts<T>("application/json").ProducesErrors(413, 415);

    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<ErrorEnvelope>(status, "application/json");
        }
        return builder;
    }
}
