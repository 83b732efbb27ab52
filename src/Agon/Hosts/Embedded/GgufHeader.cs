using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Agon.Hosts.Embedded;

/// <summary>
/// What a GGUF file says about itself, read from its header alone (no tensor data, no native code): its metadata
/// scalars, its parameter count (the sum of its tensors' elements, as llama.cpp counts it), and whether the file is
/// as long as its tensors need. <see cref="Read"/> says in plain words why a file is not a usable GGUF.
/// </summary>
internal sealed class GgufHeader
{
    private const int MaxStringBytes = 16 * 1024 * 1024;

    private GgufHeader(Dictionary<string, string> metadata, long parameterCount, IReadOnlyDictionary<uint, long> tensorTypes)
    {
        Metadata = metadata;
        ParameterCount = parameterCount;
        TensorTypes = tensorTypes;
    }

    /// <summary>Scalar metadata as text (arrays are left out).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public long ParameterCount { get; }

    /// <summary>Elements per ggml tensor type.</summary>
    public IReadOnlyDictionary<uint, long> TensorTypes { get; }

    public string? Architecture => Metadata.GetValueOrDefault("general.architecture");

    public int? TrainingContextLength =>
        Architecture is { } arch && int.TryParse(Metadata.GetValueOrDefault(arch + ".context_length"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>An encoder (BERT and kin): it computes embeddings and cannot generate.</summary>
    public bool EmbeddingOnly => EncoderArchitectures.Contains(Architecture);

    /// <summary>What the engine can do with the model: <c>completion</c> and <c>embedding</c>, or <c>embedding</c> alone.</summary>
    public IReadOnlyList<string> Capabilities => EmbeddingOnly ? ["embedding"] : ["completion", "embedding"];

    /// <summary>The quantization the file declares (<c>general.file_type</c>), else its commonest tensor type.</summary>
    public string? Quantization =>
        int.TryParse(Metadata.GetValueOrDefault("general.file_type"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fileType) && FileTypeName(fileType) is { } name
            ? name
            : TensorTypes.Count > 0 ? TypeName(TensorTypes.MaxBy(t => t.Value).Key) : null;

    /// <summary>Reads the header; throws <see cref="InvalidDataException"/> saying why the file is not a usable GGUF.</summary>
    public static GgufHeader Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var name = Path.GetFileName(path);
        var reader = new Reader(file, name);
        Span<byte> magic = stackalloc byte[4];
        if (file.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("GGUF"u8))
        {
            throw new InvalidDataException($"{name} is not a GGUF file");
        }

        var version = reader.U32();
        if (version is < 2 or > 3)
        {
            throw new InvalidDataException($"{name} is GGUF version {version}, which this engine does not read");
        }

        var tensorCount = reader.U64();
        var kvCount = reader.U64();
        if (tensorCount > 1_000_000 || kvCount > 1_000_000)
        {
            throw new InvalidDataException($"{name} has a damaged header");
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = reader.String();
            var type = reader.U32();
            if (reader.Value(type) is { } value)
            {
                metadata[key] = value;
            }
        }

        var alignment = uint.TryParse(metadata.GetValueOrDefault("general.alignment"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) && a > 0 ? a : 32u;
        long parameters = 0;
        long end = 0;
        var types = new Dictionary<uint, long>();
        for (ulong i = 0; i < tensorCount; i++)
        {
            reader.String();
            var dims = reader.U32();
            if (dims > 8)
            {
                throw new InvalidDataException($"{name} has a damaged tensor table");
            }

            long elements = 1;
            for (var d = 0; d < dims; d++)
            {
                elements = checked(elements * (long)reader.U64());
            }

            var type = reader.U32();
            var offset = (long)reader.U64();
            parameters += elements;
            types[type] = types.GetValueOrDefault(type) + elements;
            end = Math.Max(end, offset + (TensorBytes(type, elements) ?? 0));
        }

        var dataStart = (file.Position + alignment - 1) / alignment * alignment;
        if (tensorCount > 0 && dataStart + end > file.Length)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{name} is truncated: it has {file.Length} bytes, its tensors need {dataStart + end}"));
        }

        return new GgufHeader(metadata, parameters, types);
    }

    /// <summary>Reads the header, or says why not.</summary>
    public static (GgufHeader? Header, string? Problem) TryRead(string path)
    {
        try
        {
            return (Read(path), null);
        }
        catch (InvalidDataException ex)
        {
            return (null, ex.Message);
        }
        catch (OverflowException)
        {
            return (null, $"{Path.GetFileName(path)} has a damaged header");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read {Path.GetFileName(path)}: {ex.Message}");
        }
    }

    /// <summary>Bytes of a tensor of a ggml type (block size, bytes per block), or null for a type this table lacks.</summary>
    private static long? TensorBytes(uint type, long elements)
    {
        (int Block, int Bytes)? layout = type switch
        {
            0 => (1, 4),
            1 => (1, 2),
            2 => (32, 18),
            3 => (32, 20),
            6 => (32, 22),
            7 => (32, 24),
            8 => (32, 34),
            9 => (32, 36),
            10 => (256, 84),
            11 => (256, 110),
            12 => (256, 144),
            13 => (256, 176),
            14 => (256, 210),
            15 => (256, 292),
            16 => (256, 66),
            17 => (256, 74),
            18 => (256, 98),
            19 => (256, 50),
            20 => (32, 18),
            21 => (256, 110),
            22 => (256, 82),
            23 => (256, 136),
            24 => (1, 1),
            25 => (1, 2),
            26 => (1, 4),
            27 => (1, 8),
            28 => (1, 8),
            29 => (256, 56),
            30 => (1, 2),
            34 => (256, 54),
            35 => (256, 66),
            39 => (32, 17),
            _ => null,
        };
        return layout is { } l ? elements / l.Block * l.Bytes : null;
    }

    private static string? TypeName(uint type) => type switch
    {
        0 => "F32",
        1 => "F16",
        2 => "Q4_0",
        3 => "Q4_1",
        6 => "Q5_0",
        7 => "Q5_1",
        8 => "Q8_0",
        10 => "Q2_K",
        11 => "Q3_K",
        12 => "Q4_K",
        13 => "Q5_K",
        14 => "Q6_K",
        20 => "IQ4_NL",
        23 => "IQ4_XS",
        30 => "BF16",
        39 => "MXFP4",
        _ => null,
    };

    private static string? FileTypeName(int fileType) => fileType switch
    {
        0 => "F32",
        1 => "F16",
        2 => "Q4_0",
        3 => "Q4_1",
        7 => "Q8_0",
        8 => "Q5_0",
        9 => "Q5_1",
        10 => "Q2_K",
        11 => "Q3_K_S",
        12 => "Q3_K_M",
        13 => "Q3_K_L",
        14 => "Q4_K_S",
        15 => "Q4_K_M",
        16 => "Q5_K_S",
        17 => "Q5_K_M",
        18 => "Q6_K",
        19 => "IQ2_XXS",
        20 => "IQ2_XS",
        21 => "Q2_K_S",
        22 => "IQ3_XS",
        23 => "IQ3_XXS",
        24 => "IQ1_S",
        25 => "IQ4_NL",
        26 => "IQ3_S",
        27 => "IQ3_M",
        28 => "IQ2_S",
        29 => "IQ2_M",
        30 => "IQ4_XS",
        31 => "IQ1_M",
        32 => "BF16",
        36 => "TQ1_0",
        37 => "TQ2_0",
        38 => "MXFP4_MOE",
        _ => null,
    };

    /// <summary>Little-endian reads that turn an early end of file into "truncated".</summary>
    private sealed class Reader(Stream stream, string name)
    {
        private readonly byte[] _scratch = new byte[8];

        public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Fill(4));

        public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Fill(8));

        public string String()
        {
            var length = U64();
            if (length > MaxStringBytes)
            {
                throw new InvalidDataException($"{name} has a damaged header");
            }

            var bytes = new byte[(int)length];
            if (stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            {
                throw Truncated();
            }

            return Encoding.UTF8.GetString(bytes);
        }

        /// <summary>A metadata value as text when it is a scalar; arrays are skipped (null).</summary>
        public string? Value(uint type)
        {
            switch (type)
            {
                case 0: return Fill(1)[0].ToString(CultureInfo.InvariantCulture);
                case 1: return ((sbyte)Fill(1)[0]).ToString(CultureInfo.InvariantCulture);
                case 2: return BinaryPrimitives.ReadUInt16LittleEndian(Fill(2)).ToString(CultureInfo.InvariantCulture);
                case 3: return BinaryPrimitives.ReadInt16LittleEndian(Fill(2)).ToString(CultureInfo.InvariantCulture);
                case 4: return U32().ToString(CultureInfo.InvariantCulture);
                case 5: return BinaryPrimitives.ReadInt32LittleEndian(Fill(4)).ToString(CultureInfo.InvariantCulture);
                case 6: return BinaryPrimitives.ReadSingleLittleEndian(Fill(4)).ToString(CultureInfo.InvariantCulture);
                case 7: return Fill(1)[0] != 0 ? "true" : "false";
                case 8: return String();
                case 10: return U64().ToString(CultureInfo.InvariantCulture);
                case 11: return BinaryPrimitives.ReadInt64LittleEndian(Fill(8)).ToString(CultureInfo.InvariantCulture);
                case 12: return BinaryPrimitives.ReadDoubleLittleEndian(Fill(8)).ToString(CultureInfo.InvariantCulture);
                case 9:
                    var itemType = U32();
                    var count = U64();
                    if (count > 100_000_000)
                    {
                        throw new InvalidDataException($"{name} has a damaged header");
                    }

                    for (ulong i = 0; i < count; i++)
                    {
                        Skip(itemType);
                    }

                    return null;
                default:
                    throw new InvalidDataException($"{name} has a damaged header (unknown value type {type})");
            }
        }

        private void Skip(uint type)
        {
            var size = type switch
            {
                0 or 1 or 7 => 1,
                2 or 3 => 2,
                4 or 5 or 6 => 4,
                10 or 11 or 12 => 8,
                _ => -1,
            };
            if (size > 0)
            {
                Fill(size);
            }
            else if (type == 8)
            {
                var length = (long)U64();
                if (length > MaxStringBytes || stream.Position + length > stream.Length)
                {
                    throw Truncated();
                }

                stream.Seek(length, SeekOrigin.Current);
            }
            else
            {
                Value(type);
            }
        }

        private Span<byte> Fill(int count)
        {
            var span = _scratch.AsSpan(0, count);
            if (stream.ReadAtLeast(span, count, throwOnEndOfStream: false) < count)
            {
                throw Truncated();
            }

            return span;
        }

        private InvalidDataException Truncated() => new($"{name} is truncated (its header ends early)");
    }
}
