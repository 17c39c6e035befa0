using System.Globalization;
using System.Text;

namespace StackKit.Aws;

/// <summary>
/// The form parameters of one AWS Query call. Lists follow the Query protocol's flattening:
/// <c>Name.member.1</c> for scalars and <c>Name.member.1.Field</c> for structures.
/// </summary>
internal sealed class QueryRequest(string action)
{
    private readonly List<KeyValuePair<string, string>> _parameters = [];

    public string Action { get; } = action;

    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _parameters;

    /// <summary>Adds a parameter; a null value is left out, as AWS reads absence as "not set".</summary>
    public QueryRequest Add(string name, string? value)
    {
        if (value is not null)
        {
            _parameters.Add(new(name, value));
        }
        return this;
    }

    public QueryRequest Add(string name, bool value) => Add(name, value ? "true" : "false");

    public QueryRequest AddList(string name, IEnumerable<string> values)
    {
        var index = 1;
        foreach (var value in values)
        {
            Add(Member(name, index++), value);
        }
        return this;
    }

    public QueryRequest AddList<T>(string name, IEnumerable<T> items, Func<T, IEnumerable<KeyValuePair<string, string?>>> fields)
    {
        var index = 1;
        foreach (var item in items)
        {
            var prefix = Member(name, index++);
            foreach (var field in fields(item))
            {
                Add($"{prefix}.{field.Key}", field.Value);
            }
        }
        return this;
    }

    /// <summary>The <c>application/x-www-form-urlencoded</c> body, RFC 3986 encoded as SigV4 expects.</summary>
    public string ToFormBody(string apiVersion)
    {
        var body = new StringBuilder("Action=").Append(Uri.EscapeDataString(Action))
            .Append("&Version=").Append(Uri.EscapeDataString(apiVersion));
        foreach (var parameter in _parameters)
        {
            body.Append('&').Append(Uri.EscapeDataString(parameter.Key))
                .Append('=').Append(Uri.EscapeDataString(parameter.Value));
        }
        return body.ToString();
    }

    private static string Member(string name, int index) =>
        name + ".member." + index.ToString(CultureInfo.InvariantCulture);
}
