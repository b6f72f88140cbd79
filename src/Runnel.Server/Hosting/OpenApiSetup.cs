using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Runnel.Core.Errors;
using Runnel.Server.Hosting.Idempotency;

namespace Runnel.Server.Hosting;

/// <summary>
/// The OpenAPI document, complete enough for clients to be checked against it: request bodies from
/// <see cref="JsonBodyMetadata"/>, list answers from <see cref="PageResponseMetadata"/>, bearer auth with each
/// operation's scopes (<c>x-runnel-scopes</c>), the <c>Idempotency-Key</c> header on POST, and the problem answers
/// every operation can give, each a <c>Problem</c> whose <c>error_code</c> lists the whole catalogue.
/// </summary>
public static class OpenApiSetup
{
    private const string Bearer = "bearer";
    private const string ProblemSchema = "Problem";

    // Every error_code the API answers with, for the Problem schema and each status's description.
    private static readonly ErrorCode[] ErrorCatalogue = typeof(ErrorCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => f.GetValue(null)).OfType<ErrorCode>().ToArray();

    public static RouteHandlerBuilder ProducesPage<T>(this RouteHandlerBuilder builder, string key) =>
        builder.WithMetadata(new PageResponseMetadata(typeof(T), key));

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
                DescribeProblems(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, ct) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<JsonBodyMetadata>().FirstOrDefault() is { } body)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = !body.IsOptional,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct) },
                        },
                    };
                }

                if (metadata.OfType<PageResponseMetadata>().FirstOrDefault() is { } page)
                {
                    var pageSchema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { page.Key, "pagination" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [page.Key] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Array,
                                Items = await context.GetOrCreateSchemaAsync(page.ItemType, null, ct),
                            },
                            ["pagination"] = await context.GetOrCreateSchemaAsync(typeof(Paging.PaginationInfo), null, ct),
                        },
                    };
                    operation.Parameters ??= [];
                    operation.Parameters.Add(PagingParameter("page", "From 1 (default 1).", 1, null));
                    operation.Parameters.Add(PagingParameter("limit", "1 to 100 (default 20).", 1, 100));
                    operation.Responses ??= new OpenApiResponses();
                    operation.Responses["200"] = new OpenApiResponse
                    {
                        Description = "OK",
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = pageSchema } },
                    };
                }

                var scopes = metadata.OfType<RequiredScopes>().SelectMany(r => r.Scopes).Distinct().ToArray();
                if (scopes.Length > 0)
                {
                    operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                    operation.Extensions["x-runnel-scopes"] = new JsonNodeExtension(new JsonArray(
                        scopes.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()));
                }
            });
        });

    private static OpenApiParameter PagingParameter(string name, string description, int minimum, int? maximum) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    /// <summary>Bearer auth on /v1, the Idempotency-Key header on its POSTs, and the problem answers of every route.</summary>
    private static void DescribeProblems(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key: rk_secret_… or rk_public_… (API.md §2).",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem();

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var isApi = path.StartsWith("/v1/", StringComparison.Ordinal);
                var hasBody = operation.RequestBody is not null;
                var statuses = new List<int>();
                if (hasBody || operation.Parameters?.Count > 0)
                {
                    statuses.Add(400);
                }

                if (isApi)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] }];
                    statuses.AddRange([401, 403, 429]);
                }

                if (path.Contains('{', StringComparison.Ordinal))
                {
                    statuses.Add(404);
                }

                if (hasBody)
                {
                    statuses.AddRange([413, 415]);
                }

                if (isApi && method == HttpMethod.Post)
                {
                    statuses.AddRange([409, 422]);
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = IdempotencyMiddleware.HeaderName,
                        In = ParameterLocation.Header,
                        Description = "1–255 characters; a repeat with the same body replays the first answer (docs/security.md).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyMiddleware.MaxKeyLength },
                    });
                }

                operation.Responses ??= new OpenApiResponses();
                foreach (var status in statuses.Distinct().Order())
                {
                    var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    if (!operation.Responses.ContainsKey(key))
                    {
                        operation.Responses[key] = ProblemResponse(document, status);
                    }
                }
            }
        }
    }

    private static OpenApiResponse ProblemResponse(OpenApiDocument document, int status) => new()
    {
        Description = string.Join(", ", ErrorCatalogue.Where(c => c.Status == status).Select(c => c.Code)) is { Length: > 0 } codes
            ? $"A problem document; error_code one of: {codes}"
            : "A problem document",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [Problems.ContentType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
        },
    };

    private static OpenApiSchema Problem()
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        var pathMessage = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema> { ["path"] = text, ["message"] = text },
            },
        };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem document with Runnel's error_code (API.md §1).",
            Required = new HashSet<string> { "type", "title", "status", "error_code" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = text,
                ["title"] = text,
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                ["detail"] = text,
                ["error_code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = ErrorCatalogue.Select(c => (JsonNode)JsonValue.Create(c.Code)).ToList(),
                },
                ["errors"] = pathMessage,
                ["missing"] = pathMessage,
            },
        };
    }
}
