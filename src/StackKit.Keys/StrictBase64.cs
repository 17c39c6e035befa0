namespace StackKit.Keys;

/// <summary>
/// Base64 without the leniency of <see cref="Convert"/>, which skips whitespace anywhere in its input: the key data
/// of a key line, and the server's request body, must be one exact spelling.
/// </summary>
internal static class StrictBase64
{
    /// <summary>Decodes padded base64 made only of the base64 alphabet; null for anything else.</summary>
    public static byte[]? Decode(string text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!IsAlphabet(c))
            {
                return null;
            }
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;   // '=' anywhere but at the end
        }
    }

    public static bool IsAlphabet(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '=';
}
