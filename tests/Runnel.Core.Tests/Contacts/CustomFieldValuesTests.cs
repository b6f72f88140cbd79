using System.Text.Json.Nodes;
using Runnel.Core.Contacts;
using Runnel.Core.Errors;

namespace Runnel.Core.Tests.Contacts;

public sealed class CustomFieldValuesTests
{
    [Theory]
    [InlineData(CustomFieldType.Text, "\"pro\"", "\"pro\"")]
    [InlineData(CustomFieldType.Text, "\"\"", "\"\"")]
    [InlineData(CustomFieldType.Number, "42", "42")]
    [InlineData(CustomFieldType.Number, "-0.5", "-0.5")]
    [InlineData(CustomFieldType.Number, "1e3", "1e3")]
    [InlineData(CustomFieldType.Boolean, "true", "true")]
    [InlineData(CustomFieldType.Boolean, "false", "false")]
    [InlineData(CustomFieldType.Date, "\"2024-02-29\"", "\"2024-02-29\"")]
    [InlineData(CustomFieldType.Datetime, "\"2026-11-22T10:30:00+01:00\"", "\"2026-11-22T09:30:00Z\"")]
    [InlineData(CustomFieldType.Datetime, "\"2026-11-22T09:30:00.250Z\"", "\"2026-11-22T09:30:00.250Z\"")]
    [InlineData(CustomFieldType.Datetime, "\"2026-11-22t09:30:00z\"", "\"2026-11-22T09:30:00Z\"")]
    public void Good_values_are_stored_in_their_normal_form(CustomFieldType type, string json, string stored)
    {
        Assert.True(CustomFieldValues.TryNormalize(type, JsonNode.Parse(json)!, out var normalized, out var error),
            error);
        Assert.Equal(stored, normalized.ToJsonString());
    }

    [Theory]
    [InlineData(CustomFieldType.Text, "1")]
    [InlineData(CustomFieldType.Text, "[\"a\"]")]
    [InlineData(CustomFieldType.Text, "{}")]
    [InlineData(CustomFieldType.Number, "\"1\"")]
    [InlineData(CustomFieldType.Number, "1e400")]
    [InlineData(CustomFieldType.Number, "true")]
    [InlineData(CustomFieldType.Boolean, "\"true\"")]
    [InlineData(CustomFieldType.Boolean, "0")]
    [InlineData(CustomFieldType.Date, "\"2023-02-29\"")]
    [InlineData(CustomFieldType.Date, "\"2026-1-5\"")]
    [InlineData(CustomFieldType.Date, "\"2026-11-22T00:00:00Z\"")]
    [InlineData(CustomFieldType.Date, "20261122")]
    [InlineData(CustomFieldType.Datetime, "\"2026-11-22T09:30:00\"")]
    [InlineData(CustomFieldType.Datetime, "\"2026-11-22\"")]
    [InlineData(CustomFieldType.Datetime, "\"next tuesday at noon UTC\"")]
    [InlineData(CustomFieldType.Datetime, "1764000000")]
    public void Wrong_values_are_rejected_with_a_message(CustomFieldType type, string json)
    {
        Assert.False(CustomFieldValues.TryNormalize(type, JsonNode.Parse(json)!, out var normalized, out var error));
        Assert.Null(normalized);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Values_built_in_code_are_read_by_their_json_meaning()
    {
        Assert.True(CustomFieldValues.TryNormalize(CustomFieldType.Number, JsonValue.Create(3), out var number, out _));
        Assert.Equal("3", number.ToJsonString());
        Assert.True(CustomFieldValues.TryNormalize(CustomFieldType.Datetime,
            JsonValue.Create(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1))), out var instant, out _));
        Assert.Equal("\"2026-11-22T09:00:00Z\"", instant.ToJsonString());
        Assert.False(CustomFieldValues.TryNormalize(CustomFieldType.Date, JsonValue.Create(Guid.Empty), out _, out _));
    }

    [Fact]
    public void Text_is_limited_to_ten_thousand_characters()
    {
        Assert.True(CustomFieldValues.TryNormalize(CustomFieldType.Text,
            JsonValue.Create(new string('a', CustomFieldValues.MaxTextLength)), out _, out _));
        Assert.False(CustomFieldValues.TryNormalize(CustomFieldType.Text,
            JsonValue.Create(new string('a', CustomFieldValues.MaxTextLength + 1)), out _, out var error));
        Assert.Contains("10000", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_merges_removes_and_reports_every_problem_by_path()
    {
        var now = DateTimeOffset.UnixEpoch;
        var definitions = new Dictionary<string, CustomField>
        {
            ["plan"] = new(Guid.Empty, "plan", "Plan", CustomFieldType.Text, CustomFieldStatus.Active, now, now),
            ["seats"] = new(Guid.Empty, "seats", "Seats", CustomFieldType.Number, CustomFieldStatus.Active, now, now),
            ["legacy"] = new(Guid.Empty, "legacy", "Legacy", CustomFieldType.Text, CustomFieldStatus.Archived, now, now),
        };
        var current = new JsonObject { ["plan"] = "basic", ["seats"] = 1, ["legacy"] = "old" };

        var errors = new ValidationErrors();
        var merged = CustomFieldValues.Apply(current, new JsonObject { ["plan"] = null, ["seats"] = 3 }, definitions,
            errors);
        Assert.Equal(0, errors.Count);
        Assert.Equal("{\"seats\":3,\"legacy\":\"old\"}", merged.ToJsonString());
        Assert.Equal("basic", current["plan"]!.GetValue<string>());

        var bad = new ValidationErrors();
        CustomFieldValues.Apply(current, new JsonObject { ["seats"] = "x", ["legacy"] = "new", ["nope"] = 1 },
            definitions, bad);
        Assert.Equal(new[] { "fields.seats", "fields.legacy", "fields.nope" }, bad.Items.Select(e => e.Path).ToArray());
    }
}
