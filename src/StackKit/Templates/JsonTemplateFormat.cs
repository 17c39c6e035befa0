using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StackKit.Templates.Intrinsics;

namespace StackKit.Templates;

/// <summary>The JSON form of a template document (System.Text.Json), two-space indented, readable characters unescaped.</summary>
internal static class JsonTemplateFormat
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
#if NET
        NewLine = "\n",
#endif
    };

    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Expression document)
    {
        var text = Write(document, WriterOptions);
#if !NET
        // Older System.Text.Json indents with Environment.NewLine; strings never hold a raw line break.
        text = text.Replace("\r\n", "\n");
#endif
        return text + "\n";
    }

    public static string WriteCompact(Expression expression) => Write(expression, CompactOptions);

    private static string Write(Expression expression, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            Write(writer, expression);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static Expression Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new InvalidTemplateException($"The template is not valid JSON: {e.Message}", e);
        }
    }

    private static void Write(Utf8JsonWriter writer, Expression expression)
    {
        switch (expression)
        {
            case Literal { Value: string text }:
                writer.WriteStringValue(text);
                break;
            case Literal { Value: long number }:
                writer.WriteNumberValue(number);
                break;
            case Literal { Value: double number }:
                writer.WriteNumberValue(number);
                break;
            case Literal { Value: bool flag }:
                writer.WriteBooleanValue(flag);
                break;
            case ListExpression list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            case ObjectExpression map:
                writer.WriteStartObject();
                foreach (var entry in map.Entries)
                {
                    writer.WritePropertyName(entry.Key);
                    Write(writer, entry.Value);
                }
                writer.WriteEndObject();
                break;
            case Intrinsic call:
                writer.WriteStartObject();
                writer.WritePropertyName(call.Name);
                Write(writer, call.Argument);
                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException($"Unexpected node {expression.GetType().Name}.");
        }
    }

    private static Expression Read(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Literal.Of(element.GetString()!);
            case JsonValueKind.Number:
                return element.TryGetInt64(out var whole) ? Literal.Of(whole) : Literal.Of(double.Parse(element.GetRawText(), CultureInfo.InvariantCulture));
            case JsonValueKind.True:
            case JsonValueKind.False:
                return Literal.Of(element.GetBoolean());
            case JsonValueKind.Array:
                return new ListExpression(element.EnumerateArray().Select(Read).ToList());
            case JsonValueKind.Object:
                var map = new ObjectExpression();
                foreach (var property in element.EnumerateObject())
                {
                    if (map[property.Name] is not null)
                    {
                        throw new InvalidTemplateException($"Key '{property.Name}' appears twice in one mapping; keep one.");
                    }
                    map[property.Name] = Read(property.Value);
                }
                if (map.Count == 1 && map.Entries.Single() is var only && IntrinsicForms.IsCall(only.Key, only.Value))
                {
                    return IntrinsicForms.FromLongForm(only.Key, only.Value);
                }
                return map;
            default:
                throw new InvalidTemplateException("The template holds a null; CloudFormation values are strings, numbers, booleans, lists or mappings.");
        }
    }
}
