using System.Text.Json;

namespace StackKit.Aws.Ecr;

/// <summary>One image as DescribeImages returns it (botocore's <c>ImageDetail</c>): its digest, its tags and when it was pushed.</summary>
internal sealed record EcrImageDetail(string Digest, IReadOnlyList<string> Tags, DateTimeOffset? PushedAt)
{
    public static EcrImageDetail FromJson(JsonElement element) => new(
        element.Text("imageDigest") ?? throw new FormatException("A DescribeImages image has no imageDigest."),
        element.TryGetProperty("imageTags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? [.. tags.EnumerateArray().Where(tag => tag.ValueKind == JsonValueKind.String).Select(tag => tag.GetString()!)]
            : [],
        // JSON 1.1 timestamps are seconds since 1970, with a fraction.
        element.TryGetProperty("imagePushedAt", out var pushed) && pushed.ValueKind == JsonValueKind.Number && pushed.TryGetDouble(out var seconds)
            && seconds >= 0 && seconds < 253402300800
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000))
            : null);
}
