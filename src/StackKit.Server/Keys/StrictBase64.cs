using System.Buffers;

namespace StackKit.Server.Keys;

/// <summary>Base64 without the leniency of <see cref="Convert"/>, which skips whitespace anywhere in its input.</summary>
internal static class StrictBase64
{
    private static readonly SearchValues<char> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    /// <summary>Decodes padded base64 made only of the base64 alphabet; null for anything else.</summary>
    public static byte[]? Decode(string text)
    {
        if (text.Length == 0 || text.Length % 4 != 0 || text.AsSpan().ContainsAnyExcept(Alphabet))
        {
            return null;
        }

        var bytes = new byte[text.Length / 4 * 3];
        return Convert.TryFromBase64String(text, bytes, out var written) ? bytes[..written] : null;
    }
}
