using System.Diagnostics;

namespace Expunge.Cli.Analysis;

/// <summary>A read-through stream that reports how far a long file has got, at most once a second, on stderr.</summary>
public sealed class ProgressStream(Stream inner, TextWriter progress, string name) : Stream
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _read;
    private long _lastReportMs = 2000; // a file read in under two seconds is not "long"

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

    private int Counted(int n)
    {
        _read += n;
        var ms = _clock.ElapsedMilliseconds;
        if (ms - _lastReportMs >= 1000)
        {
            _lastReportMs = ms;
            var percent = inner.CanSeek && inner.Length > 0 ? $" ({100.0 * _read / inner.Length:F0} %)" : "";
            progress.WriteLine($"{name}: {_read / 1_000_000.0:F0} MB read{percent}, {_read / 1_000_000.0 / (ms / 1000.0):F0} MB/s");
        }
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
