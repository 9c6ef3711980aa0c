using Microsoft.OpenApi;

namespace Waymark.Server.Api;

public static class OpenApiSetup
{
    private const string KeyScheme = "apiKey";
    private const string BearerScheme = "bearer";

    /// <summary>The built-in generator, told what it cannot see: keys, the tenant header, roles.</summary>
    public static IServiceCollection AddWaymarkOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Waymark — Journeys API",
                    Version = "v1",
                    Description = "Customer-journey orchestration speaking the KaireonAI Journeys REST API. "
                        + "Every /api/v1 call carries X-Tenant-Id and an API key (Authorization: Bearer krn_… or X-API-Key). "
                        + "Errors always use the envelope {\"error\": {code, message, status, details}}.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API key (krn_…) minted with `apikey create`.",
                };
                document.Components.SecuritySchemes[KeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = "X-API-Key",
                    Description = "The same key in the X-API-Key header.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Paginated>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(QueryInteger("limit", $"Page size, 1–{Paging.MaxLimit} (default {Paging.DefaultLimit})."));
                    operation.Parameters.Add(QueryInteger("offset", "Rows to skip, ≥ 0 (default 0)."));
                }
                var roles = context.Description.ActionDescriptor.EndpointMetadata.OfType<AllowedRoles>().FirstOrDefault();
                if (roles is null) return Task.CompletedTask;

                operation.Description = $"Roles: {string.Join(", ", roles.Roles)}."
                    + (string.IsNullOrEmpty(operation.Description) ? "" : " " + operation.Description);
                operation.Parameters ??= [];
                operation.Parameters.Insert(0, new OpenApiParameter
                {
                    Name = "X-Tenant-Id",
                    In = ParameterLocation.Header,
                    Required = true,
                    Description = "The tenant: 1–64 characters of A-Z a-z 0-9 . _ -",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Za-z0-9._-]{1,64}$" },
                });
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyScheme, context.Document)] = [] });
                return Task.CompletedTask;
            });
        });

    private static OpenApiParameter QueryInteger(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
    };
}
