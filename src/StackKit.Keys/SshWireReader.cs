using System.Buffers.Binary;

namespace StackKit.Keys;

/// <summary>Reads the SSH wire encoding (RFC 4251 §5) of a public key blob: length-prefixed strings and mpints.</summary>
internal ref struct SshWireReader(ReadOnlySpan<byte> data)
{
    private ReadOnlySpan<byte> _remaining = data;

    public readonly bool AtEnd => _remaining.IsEmpty;

    /// <summary>Reads one length-prefixed string; false when the data is truncated.</summary>
    public bool TryReadString(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (_remaining.Length < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(_remaining);
        if (length > (uint)(_remaining.Length - 4))
        {
            return false;
        }

        value = _remaining.Slice(4, (int)length);
        _remaining = _remaining.Slice(4 + (int)length);
        return true;
    }
}
