using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Runnel.Server.Hosting;

/// <summary>The OpenAPI document: request bodies from <see cref="JsonBodyMetadata"/>, bearer auth, problem responses.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddRunnelOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Runnel API",
                    Version = "v1",
                    Description = "Customer-journey flows: contacts, lists, events, emails, flows and their members.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, ct) =>
            {
                var body = context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyMetadata>().FirstOrDefault();
                if (body is null)
                {
                    return;
                }

                var schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = !body.IsOptional,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = schema },
                    },
                };
            });
        });
}
