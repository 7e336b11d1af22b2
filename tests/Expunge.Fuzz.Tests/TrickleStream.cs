namespace Expunge.Fuzz.Tests;

/// <summary>A read-only stream that hands out its bytes a few at a time, as a network body arrives: every boundary
/// a reader's buffering can meet (inside a character, a quoted value, a CR LF) is met.</summary>
public sealed class TrickleStream(byte[] bytes, int seed) : Stream
{
    private readonly Random _sizes = new(seed);
    private int _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, bytes.Length - _position), _sizes.Next(1, 4_096));
        Array.Copy(bytes, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => bytes.Length;
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
