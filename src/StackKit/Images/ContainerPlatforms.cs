using System.Text.RegularExpressions;

namespace StackKit.Images;

/// <summary>
/// The platforms an image is built for. amd64 always (the template's default instance types are x86); arm64 too
/// when the stack runs on Graviton. An EC2 type is Graviton when the attribute letters after its generation digit
/// hold a <c>g</c> (t4g, m7g, c7gn, r8gd, im4gn, is4gen, x2gd, g5g, hpc7g), or it is the first generation, a1.
/// </summary>
internal static class ContainerPlatforms
{
    private static readonly Regex Graviton = new("^([a-z]+[0-9]+[a-z-]*g[a-z-]*|a1)\\.", RegexOptions.CultureInvariant);

    public const string Amd64 = "linux/amd64";
    public const string Arm64 = "linux/arm64";

    public static bool IsGraviton(string instanceType) => Graviton.IsMatch(instanceType.Trim().ToLowerInvariant());

    /// <summary>The platforms for a stack of <paramref name="instanceType"/>; amd64 alone without a stack.</summary>
    public static IReadOnlyList<string> For(string? instanceType) =>
        instanceType is not null && IsGraviton(instanceType) ? [Amd64, Arm64] : [Amd64];

    /// <summary>The .NET runtime identifier that builds <paramref name="platform"/>.</summary>
    public static string RuntimeIdentifier(string platform) => platform == Arm64 ? "linux-arm64" : "linux-x64";
}
