using System.Text.Json;

namespace StackKit.Aws;

/// <summary>Reading JSON-protocol answers: a member is what the model says it is, or absent.</summary>
internal static class JsonResponse
{
    /// <summary>A string member; anything else (a number, an object: not what AWS sends) counts as absent.</summary>
    public static string? Text(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The string items of the list member <paramref name="name"/>; empty when it is absent.</summary>
    public static IReadOnlyList<string> Texts(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)]
            : [];
}
