namespace Runnel.Core.Errors;

/// <summary>Collects every problem with an input so a client sees them all in one answer.</summary>
public sealed class ValidationErrors
{
    private readonly List<FieldError> _errors = [];

    public int Count => _errors.Count;

    public IReadOnlyList<FieldError> Items => _errors;

    public void Add(string path, string message) => _errors.Add(new FieldError(path, message));

    public void AddRange(IEnumerable<FieldError> errors) => _errors.AddRange(errors);

    /// <summary>A required, non-blank name of at most <paramref name="maxLength"/> characters, trimmed.</summary>
    public string RequireName(string? value, string path, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(path, "is required");
            return "";
        }

        if (value.Length > maxLength)
        {
            Add(path, $"must be at most {maxLength} characters");
        }

        return value.Trim();
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            var detail = _errors.Count == 1 ? _errors[0].Message : $"{_errors.Count} problems with the input";
            throw new RunnelException(ErrorCodes.ValidationFailed, detail, _errors.ToArray());
        }
    }

    public static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    public static string Index(string prefix, int index) => $"{prefix}[{index}]";
}
