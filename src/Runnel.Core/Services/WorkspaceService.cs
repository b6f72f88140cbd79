using System.Text.RegularExpressions;
using Runnel.Core.Errors;
using Runnel.Core.Json;
using Runnel.Core.Security;
using Runnel.Core.Storage;
using Runnel.Core.Time;
using Runnel.Core.Workspaces;

namespace Runnel.Core.Services;

/// <summary>Workspaces, their API keys, settings and secrets (API.md §2).</summary>
public sealed partial class WorkspaceService(IRunnelStore store, TimeProvider time, SecretProtector protector,
    ApiKeyCache keys)
{
    public const int MaxNameLength = 200;
    private const string SecretKeyPrefix = "rk_secret_";
    private const string PublicKeyPrefix = "rk_public_";

    public sealed record CreatedWorkspace(Workspace Workspace, string ApiKey);

    public sealed record CreatedKey(ApiKey Key, string Plaintext);

    public Task<CreatedWorkspace> CreateWorkspaceAsync(CreateWorkspaceRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = errors.RequireName(request.Name, "name", MaxNameLength);
        var timezone = request.Timezone ?? TimeZones.Utc;
        if (!TimeZones.IsValid(timezone))
        {
            errors.Add("timezone", "must be an IANA time zone name, e.g. Europe/London");
        }

        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var workspace = new Workspace(Ids.New(time), name, timezone, null, null, null, null, false, now, now);
        var (key, plaintext) = NewKey(workspace.Id, "Default key", ApiKeyKind.Secret, [Scopes.All], null, now);
        return store.WriteAsync(async s =>
        {
            await s.Workspaces.InsertAsync(workspace);
            await s.ApiKeys.InsertAsync(key);
            await s.Secrets.AddSigningSecretAsync(workspace.Id, protector.Protect(NewSigningSecretBytes()), now, null);
            return new CreatedWorkspace(workspace, plaintext);
        }, ct);
    }

    public Task<Page<Workspace>> ListWorkspacesAsync(PageRequest page, CancellationToken ct) =>
        store.ReadAsync(s => s.Workspaces.ListAsync(page), ct);

    /// <summary>
    /// Registers the operator's admin key (or, on an empty database, generates one). Returns a generated key so the
    /// host can print it once; null when nothing was generated.
    /// </summary>
    public Task<string?> BootstrapAsync(string? adminKey, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return store.WriteAsync<string?>(async s =>
        {
            if (!string.IsNullOrEmpty(adminKey)
                && await s.ApiKeys.FindActiveByHashAsync(KeyHasher.Hash(adminKey)) is not null)
            {
                return null;
            }

            if (string.IsNullOrEmpty(adminKey) && await s.ApiKeys.AnyExistsAsync())
            {
                return null;
            }

            var workspace = await s.Workspaces.GetDefaultAsync();
            if (workspace is null)
            {
                workspace = new Workspace(Ids.New(time), "Default", TimeZones.Utc, null, null, null, null, true, now, now);
                await s.Workspaces.InsertAsync(workspace);
                await s.Secrets.AddSigningSecretAsync(workspace.Id, protector.Protect(NewSigningSecretBytes()), now,
                    null);
            }

            var plaintext = string.IsNullOrEmpty(adminKey) ? SecretKeyPrefix + KeyHasher.RandomToken(32) : adminKey;
            await s.ApiKeys.InsertAsync(new ApiKey(Ids.New(time), workspace.Id, "Bootstrap admin key",
                ApiKeyKind.Secret, [Scopes.All, Scopes.WorkspacesAdmin], null, KeyHasher.Hash(plaintext), now, null));
            return string.IsNullOrEmpty(adminKey) ? plaintext : null;
        }, ct);
    }

    /// <summary>The active key presented, read at most <see cref="ApiKeyCache.Lifetime"/> ago; null when unknown or revoked.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string presentedKey, CancellationToken ct)
    {
        var hash = KeyHasher.Hash(presentedKey);
        if (keys.Find(hash) is { } known)
        {
            return known;
        }

        var key = await store.ReadAsync(s => s.ApiKeys.FindActiveByHashAsync(hash), ct);
        if (key is not null)
        {
            keys.Remember(hash, key);
        }

        return key;
    }

    public Task<CreatedKey> CreateApiKeyAsync(Guid workspaceId, CreateApiKeyRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = errors.RequireName(request.Name, "name", MaxNameLength);
        ApiKeyKind kind = ApiKeyKind.Secret;
        switch (request.Kind)
        {
            case "secret": kind = ApiKeyKind.Secret; break;
            case "public": kind = ApiKeyKind.Public; break;
            case null: errors.Add("kind", "is required: \"secret\" or \"public\""); break;
            default: errors.Add("kind", "must be \"secret\" or \"public\""); break;
        }

        var scopes = request.Scopes ?? [];
        if (request.Scopes is null || scopes.Count == 0)
        {
            errors.Add("scopes", "at least one scope is required");
        }

        for (var i = 0; i < scopes.Count; i++)
        {
            var scope = scopes[i];
            var path = ValidationErrors.Index("scopes", i);
            if (scope is null || !Scopes.Known.Contains(scope))
            {
                errors.Add(path, "unknown scope");
            }
            else if (scope == Scopes.WorkspacesAdmin)
            {
                errors.Add(path, "WORKSPACES_ADMIN is held only by the bootstrap key");
            }
            else if (kind == ApiKeyKind.Public && request.Kind == "public" && !Scopes.PublicAllowed.Contains(scope))
            {
                errors.Add(path, "public keys may only hold FLOW_TRIGGER and EVENTS_WRITE");
            }
        }

        var origins = request.AllowedOrigins;
        if (origins is not null)
        {
            if (kind != ApiKeyKind.Public)
            {
                errors.Add("allowed_origins", "only public keys take allowed_origins");
            }

            for (var i = 0; i < origins.Count; i++)
            {
                if (!IsOrigin(origins[i]))
                {
                    errors.Add(ValidationErrors.Index("allowed_origins", i),
                        "must be an origin such as https://app.example.com");
                }
            }
        }

        errors.ThrowIfAny();
        var normalizedOrigins = origins?.Select(o => o.TrimEnd('/').ToLowerInvariant()).Distinct().ToArray();
        var (key, plaintext) = NewKey(workspaceId, name, kind, scopes.Distinct().ToArray(), normalizedOrigins,
            time.GetUtcNow());
        return store.WriteAsync(async s =>
        {
            await s.ApiKeys.InsertAsync(key);
            return new CreatedKey(key, plaintext);
        }, ct);
    }

    public Task<Page<ApiKey>> ListApiKeysAsync(Guid workspaceId, PageRequest page, CancellationToken ct) =>
        store.ReadAsync(s => s.ApiKeys.ListAsync(workspaceId, page), ct);

    public async Task RevokeApiKeyAsync(Guid workspaceId, Guid keyId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var revoked = await store.WriteAsync(s => s.ApiKeys.RevokeAsync(workspaceId, keyId, now), ct);
        keys.Clear();
        if (!revoked)
        {
            throw RunnelException.NotFound(ErrorCodes.ApiKeyNotFound);
        }
    }

    public async Task<Workspace> GetSettingsAsync(Guid workspaceId, CancellationToken ct) =>
        await store.ReadAsync(s => s.Workspaces.GetAsync(workspaceId), ct)
        ?? throw RunnelException.NotFound(ErrorCodes.WorkspaceNotFound);

    public async Task<Workspace> UpdateSettingsAsync(Guid workspaceId, UpdateSettingsRequest request,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request.Timezone.IsSet && !TimeZones.IsValid(request.Timezone.Value))
        {
            errors.Add("timezone", "must be an IANA time zone name, e.g. Europe/London");
        }

        CheckOptionalText(request.PostalAddress, "postal_address", 1000, errors);
        CheckOptionalText(request.SmsHelpText, "sms_help_text", 320, errors);
        CheckOptionalText(request.DefaultFromName, "default_from_name", MaxNameLength, errors);
        if (request.DefaultFromEmail is { IsSet: true, Value: not null } from && !Contacts.EmailAddress.IsValid(from.Value))
        {
            errors.Add("default_from_email", "must be an email address");
        }

        string? smsFrom = null;
        if (request.SmsFrom is { IsSet: true, Value: { } number } && !Contacts.PhoneNumber.TryNormalize(number, out smsFrom))
        {
            errors.Add("sms_from", "must be a phone number in E.164 form, e.g. +14155550123");
        }

        if (request.QuietHours is { IsSet: true, Value: { } quiet })
        {
            Flows.FlowValidator.ValidateQuietHours(quiet, "quiet_hours", errors);
        }

        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        return await store.WriteAsync(async s =>
        {
            var current = await s.Workspaces.GetAsync(workspaceId)
                ?? throw RunnelException.NotFound(ErrorCodes.WorkspaceNotFound);
            if (smsFrom is not null && await s.Workspaces.FindBySmsFromAsync(smsFrom) is { } owner
                && owner.Id != workspaceId)
            {
                // Inbound messages find their workspace by this number, so it can belong to one workspace only.
                throw RunnelException.Invalid("sms_from", "is already the sender number of another workspace");
            }

            var updated = current with
            {
                Timezone = request.Timezone.GetValueOr(current.Timezone) ?? current.Timezone,
                PostalAddress = request.PostalAddress.GetValueOr(current.PostalAddress),
                SmsHelpText = request.SmsHelpText.GetValueOr(current.SmsHelpText),
                DefaultFromEmail = request.DefaultFromEmail.IsSet
                    ? request.DefaultFromEmail.Value?.ToLowerInvariant()
                    : current.DefaultFromEmail,
                DefaultFromName = request.DefaultFromName.GetValueOr(current.DefaultFromName),
                SmsFrom = request.SmsFrom.IsSet ? smsFrom : current.SmsFrom,
                QuietHours = request.QuietHours.GetValueOr(current.QuietHours),
                UpdatedAt = now,
            };
            await s.Workspaces.UpdateAsync(updated);
            return updated;
        }, ct);
    }

    public Task<SecretInfo> PutSecretAsync(Guid workspaceId, PutSecretRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request.Name is null)
        {
            errors.Add("name", "is required");
        }
        else if (!SecretNamePattern().IsMatch(request.Name))
        {
            errors.Add("name", "must match ^[a-z][a-z0-9_]{0,62}$");
        }

        if (request.Value is null)
        {
            errors.Add("value", "is required");
        }
        else if (request.Value.Length is 0 or > 8192)
        {
            errors.Add("value", "must be 1 to 8192 characters");
        }

        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var ciphertext = protector.Protect(System.Text.Encoding.UTF8.GetBytes(request.Value!));
        return store.WriteAsync(async s =>
        {
            await s.Secrets.UpsertAsync(workspaceId, request.Name!, ciphertext, now);
            return new SecretInfo(request.Name!, now);
        }, ct);
    }

    public Task<IReadOnlyList<SecretInfo>> ListSecretsAsync(Guid workspaceId, CancellationToken ct) =>
        store.ReadAsync(s => s.Secrets.ListAsync(workspaceId), ct);

    /// <summary>The plaintext of a named secret, for the engine (webhook JWT signing); null when it does not exist.</summary>
    public async Task<string?> RevealSecretAsync(Guid workspaceId, string name, CancellationToken ct)
    {
        var ciphertext = await store.ReadAsync(s => s.Secrets.GetCiphertextAsync(workspaceId, name), ct);
        return ciphertext is null ? null : System.Text.Encoding.UTF8.GetString(protector.Unprotect(ciphertext));
    }

    public async Task DeleteSecretAsync(Guid workspaceId, string name, CancellationToken ct)
    {
        var deleted = await store.WriteAsync(async s =>
        {
            // Checked in the deleting write, so no activation can slip in between the check and the delete.
            if (await s.Flows.ActiveFlowUsesSecretAsync(workspaceId, name))
            {
                throw new RunnelException(ErrorCodes.SecretInUse,
                    $"An active flow signs webhooks with secret '{name}'; pause that flow or change its step first.");
            }

            return await s.Secrets.DeleteAsync(workspaceId, name);
        }, ct);
        if (!deleted)
        {
            throw RunnelException.NotFound(ErrorCodes.SecretNotFound);
        }
    }

    /// <summary>Makes a new signing secret; the previous one keeps signing for 24 hours so receivers can roll over.</summary>
    public Task<string> RotateSigningSecretAsync(Guid workspaceId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var raw = NewSigningSecretBytes();
        var ciphertext = protector.Protect(raw);
        return store.WriteAsync(async s =>
        {
            await s.Secrets.AddSigningSecretAsync(workspaceId, ciphertext, now, now.AddHours(24));
            return FormatSigningSecret(raw);
        }, ct);
    }

    /// <summary>The raw signing secrets in force now, current first (Standard Webhooks signs with each).</summary>
    public async Task<IReadOnlyList<byte[]>> GetSigningSecretsAsync(Guid workspaceId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stored = await store.ReadAsync(s => s.Secrets.GetSigningSecretsAsync(workspaceId, now), ct);
        return stored.Select(c => protector.Unprotect(c)).ToArray();
    }

    public static string FormatSigningSecret(byte[] raw) => "whsec_" + Convert.ToBase64String(raw);

    private static byte[] NewSigningSecretBytes() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private (ApiKey Key, string Plaintext) NewKey(Guid workspaceId, string name, ApiKeyKind kind,
        IReadOnlyList<string> scopes, IReadOnlyList<string>? origins, DateTimeOffset now)
    {
        var plaintext = (kind == ApiKeyKind.Public ? PublicKeyPrefix : SecretKeyPrefix) + KeyHasher.RandomToken(32);
        var key = new ApiKey(Ids.New(time), workspaceId, name, kind, scopes, origins, KeyHasher.Hash(plaintext), now,
            null);
        return (key, plaintext);
    }

    private static void CheckOptionalText(Optional<string?> value, string path, int max, ValidationErrors errors)
    {
        if (value is { IsSet: true, Value: not null } && value.Value.Length > max)
        {
            errors.Add(path, $"must be at most {max} characters");
        }
    }

    private static bool IsOrigin(string? origin) =>
        origin is not null
        && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/"
        && string.IsNullOrEmpty(uri.Query);

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretNamePattern();
}
