using System.Text;
using System.Text.Json;
using StackKit.Keys;

namespace StackKit.Server.Endpoints;

/// <summary>
/// Reads the body of <c>POST /add_public_key</c>: <c>{"ssh_public_key": "&lt;base64 of one key line&gt;"}</c> and, optionally,
/// <c>"valid_for_seconds": N</c> (a whole number from <see cref="MinLifetime"/> to <see cref="MaxLifetime"/>), accepting
/// exactly what the documented <c>curl -d "{\"ssh_public_key\": \"$(cat key.pub | base64)\"}"</c> sends:
/// raw line breaks inside the base64 (GNU base64 wraps at 76) and the key file's one trailing newline.
/// </summary>
internal static class AddPublicKeyRequest
{
    /// <summary>Bodies longer than this are refused with 413.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public const string PropertyName = "ssh_public_key";

    /// <summary>The optional property giving the key's lifetime in seconds; without it the server's default applies.</summary>
    public const string LifetimePropertyName = "valid_for_seconds";

    /// <summary>The shortest lifetime a POST may ask for: enough to log in once.</summary>
    public static readonly TimeSpan MinLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The longest lifetime a POST may ask for; a key that never expires is added with IAM credentials (Add-HttpServiceSshKey).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    private const string Example = "send {\"ssh_public_key\": \"<base64 of the .pub file>\"}";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses and checks the body; throws <see cref="FormatException"/> saying what is wrong and how to fix it.</summary>
    public static (OpenSshPublicKey Key, TimeSpan? ValidFor) Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            throw new FormatException($"The body is empty; {Example}.");
        }

        // Overlong forms, encoded surrogates and stray bytes are refused here, before any decoder could replace them.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            throw new FormatException($"The body is not valid UTF-8 (overlong forms, encoded surrogates and stray bytes are refused); {Example}.");
        }

        // A private key sent as it is (the whole body, or the property's text) says so before any other complaint;
        // the decoded text is checked by OpenSshPublicKey.Parse.
        RefusePrivateKey(Encoding.UTF8.GetString(body));
        var (base64, validFor) = ReadProperties(EscapeLineBreaksInStrings(body));
        RefusePrivateKey(base64);

        var decoded = StrictBase64.Decode(Unwrap(base64))
            ?? throw new FormatException($"{PropertyName} is not valid base64; {Example}.");

        string text;
        try
        {
            text = StrictUtf8.GetString(decoded);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException($"{PropertyName} does not decode to UTF-8 text; it must be the base64 of a public key line.");
        }

        // The key file's own line ending, which `cat key.pub | base64` encodes; only one.
        return (OpenSshPublicKey.Parse(text.EndsWith('\n') ? text[..^1] : text), validFor);
    }

    private static void RefusePrivateKey(string text)
    {
        if (PrivateKeyText.Contains(text))
        {
            throw new FormatException(PrivateKeyText.Refusal);
        }
    }

    private static (string Base64, TimeSpan? ValidFor) ReadProperties(byte[] json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The body is not valid JSON ({exception.Message}); {Example}.", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object; {Example}.");
            }

            try
            {
                return ReadKnownProperties(root);
            }
            catch (InvalidOperationException exception)
            {
                // An escaped lone surrogate (such as \ud800) is valid JSON but no text: it has no UTF-8 form.
                throw new FormatException($"The body holds an escaped lone surrogate, which is not text and has no UTF-8 form; {Example}.", exception);
            }
        }
    }

    private static (string Base64, TimeSpan? ValidFor) ReadKnownProperties(JsonElement root)
    {
        string? value = null;
        TimeSpan? validFor = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == PropertyName && value is null)
            {
                value = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : throw new FormatException($"{PropertyName} must be a JSON string (the base64 of the key line).");
            }
            else if (property.Name == LifetimePropertyName && validFor is null)
            {
                validFor = ReadLifetime(property.Value);
            }
            else
            {
                throw new FormatException($"Unexpected property '{property.Name}'; the body holds {PropertyName} and optionally {LifetimePropertyName}, each once.");
            }
        }

        return (value ?? throw new FormatException($"The body has no {PropertyName} property; {Example}."), validFor);
    }

    private static TimeSpan ReadLifetime(JsonElement value)
    {
        var range = $"a whole number of seconds from {MinLifetime.TotalSeconds:0} to {MaxLifetime.TotalSeconds:0} ({MaxLifetime.TotalDays:0} days), such as 28800 for 8 hours";
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds))
        {
            throw new FormatException($"{LifetimePropertyName} must be {range}; leave it out for the server's default lifetime.");
        }

        return seconds >= MinLifetime.TotalSeconds && seconds <= MaxLifetime.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new FormatException($"{LifetimePropertyName} {seconds} is out of range: give {range}. A key that never expires is added with IAM credentials (Add-HttpServiceSshKey -ValidFor ([timespan]::MaxValue)).");
    }

    // JSON forbids raw line breaks inside strings, but the README's curl command puts base64's wrapping there; turn
    // each one inside a string into the escape \n. Outside strings a line break is ordinary JSON whitespace.
    private static byte[] EscapeLineBreaksInStrings(ReadOnlySpan<byte> body)
    {
        var escaped = new List<byte>(body.Length + 256);
        var inString = false;
        for (var i = 0; i < body.Length; i++)
        {
            var b = body[i];
            if (inString && b == '\\' && i + 1 < body.Length)
            {
                escaped.Add(b);
                escaped.Add(body[++i]);
                continue;
            }

            if (b == '"')
            {
                inString = !inString;
            }

            if (inString && b == '\n')
            {
                escaped.Add((byte)'\\');
                escaped.Add((byte)'n');
            }
            else
            {
                escaped.Add(b);
            }
        }

        return [.. escaped];
    }

    // Wrapped base64 as base64(1) and openssl print it: lines of one length (a multiple of 4) and a last, shorter or
    // equal one; no empty lines, no CR.
    private static string Unwrap(string text)
    {
        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            return text;
        }

        var lines = text.Split('\n');
        var width = lines[0].Length;
        var wellWrapped = width > 0 && width % 4 == 0
            && lines[..^1].All(line => line.Length == width)
            && lines[^1].Length is > 0 && lines[^1].Length <= width;
        return wellWrapped
            ? string.Concat(lines)
            : throw new FormatException($"{PropertyName} has line breaks that are not base64 wrapping (lines of equal length, no empty line).");
    }
}
