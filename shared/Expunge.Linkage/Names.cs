using System.Globalization;
using System.Text;

namespace Expunge.Linkage;

/// <summary>Name standardisation: how clerks, officers and databases spell the same name differently.</summary>
public static class Names
{
    private static readonly HashSet<string> Suffixes = ["JR", "SR", "JNR", "SNR", "II", "III", "IV", "2ND", "3RD"];

    // Particles of compound surnames: "DE LA CRUZ" and "DELACRUZ" are one surname.
    private static readonly HashSet<string> Particles = ["DE", "DEL", "LA", "LAS", "LOS", "VAN", "VON", "DA", "DOS", "DI", "MC", "MAC", "ST", "Y"];

    /// <summary>Upper case, accents removed, punctuation to spaces (hyphens too), suffixes dropped, single spaces.</summary>
    public static IReadOnlyList<string> Tokens(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return [];
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var text = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c == '\'') continue; // O'BRIEN = OBRIEN
            text.Append(char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : ' ');
        }
        return [.. text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !Suffixes.Contains(t))];
    }

    /// <summary>One comparable string: the tokens run together ("GARCIA-LOPEZ" = "GARCIA LOPEZ" = "GARCIALOPEZ").</summary>
    public static string Joined(string? name) => string.Concat(Tokens(name));

    /// <summary>The parts of a compound surname worth matching alone (particles dropped): GARCIA, LOPEZ.</summary>
    public static IReadOnlyList<string> SurnameParts(string? surname) =>
        [.. Tokens(surname).Where(t => !Particles.Contains(t) && t.Length > 1)];

    /// <summary>Whether two given names are the same name or one is a nickname or diminutive of the other (BOB and
    /// ROBERT, PACO and FRANCISCO, BETO and ROBERTO), or both are nicknames of one name.</summary>
    public static bool AreNicknames(string a, string b)
    {
        if (a == b) return true;
        Nicknames.TryGetValue(a, out var formalOfA);
        Nicknames.TryGetValue(b, out var formalOfB);
        return (formalOfA is not null && (formalOfA.Contains(b) || (formalOfB is not null && formalOfA.Overlaps(formalOfB))))
               || (formalOfB is not null && formalOfB.Contains(a));
    }

    /// <summary>Splits DOJ's <c>LAST,FIRST MIDDLE</c> (or <c>LAST, FIRST</c>) into its parts.</summary>
    public static (string? Surname, string? Given, string? Middle) SplitLastFirst(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return (null, null, null);
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0) return (name.Trim(), null, null);
        var rest = name[(comma + 1)..].Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return (name[..comma].Trim(), rest.Length > 0 ? rest[0] : null, rest.Length > 1 ? rest[1] : null);
    }

    /// <summary>American Soundex: a phonetic key that survives most one-letter spelling differences.</summary>
    public static string Soundex(string name)
    {
        if (name.Length == 0) return "";
        Span<char> code = stackalloc char[4];
        code[0] = name[0];
        var length = 1;
        var previous = SoundexDigit(name[0]);
        for (var i = 1; i < name.Length && length < 4; i++)
        {
            var c = name[i];
            var digit = SoundexDigit(c);
            if (digit != '0' && digit != previous) code[length++] = digit;
            // H and W do not separate two letters of the same code; vowels do.
            if (c is not ('H' or 'W')) previous = digit;
        }
        while (length < 4) code[length++] = '0';
        return new string(code);
    }

    /// <summary>Two spellings of one name that differ in how its first sound is written (JEFFREY and GEOFFREY, CATHY and
    /// KATHY, PHILIP and FILIP): their Soundex codes agree but for the first letter, and the first letters are of one
    /// sound class; at most two letters apart, so that names merely built alike (JOHN and SEAN) stay apart.</summary>
    public static bool SoundAlikeSpeltApart(string a, string b, string soundexA, string soundexB) =>
        a.Length > 0 && b.Length > 0 && soundexA.Length == 4 && soundexB.Length == 4
        && soundexA.AsSpan(1).SequenceEqual(soundexB.AsSpan(1)) && SoundexDigit(a[0]) == SoundexDigit(b[0]) && SoundexDigit(a[0]) != '0'
        && Similarity.EditDistance(a, b, 2) <= 2;

    private static char SoundexDigit(char c) => c switch
    {
        'B' or 'F' or 'P' or 'V' => '1',
        'C' or 'G' or 'J' or 'K' or 'Q' or 'S' or 'X' or 'Z' => '2',
        'D' or 'T' => '3',
        'L' => '4',
        'M' or 'N' => '5',
        'R' => '6',
        _ => '0',
    };

    // Common English nicknames and Spanish diminutives of the given names found in California court records.
    private static readonly Dictionary<string, HashSet<string>> Nicknames = Build(
        ("ROBERT", "BOB BOBBY ROB ROBBIE BERT"), ("WILLIAM", "BILL BILLY WILL WILLIE LIAM"), ("JAMES", "JIM JIMMY JAMIE"),
        ("MICHAEL", "MIKE MIKEY MICKEY"), ("RICHARD", "RICK RICKY DICK RICH"), ("JOSEPH", "JOE JOEY"),
        ("THOMAS", "TOM TOMMY"), ("CHARLES", "CHUCK CHARLIE CHAS"), ("CHRISTOPHER", "CHRIS KIT"), ("DANIEL", "DAN DANNY"),
        ("MATTHEW", "MATT MATTY"), ("ANTHONY", "TONY"), ("DONALD", "DON DONNIE"), ("STEVEN", "STEVE STEVIE"),
        ("STEPHEN", "STEVE"), ("EDWARD", "ED EDDIE TED"), ("KENNETH", "KEN KENNY"), ("RONALD", "RON RONNIE"),
        ("TIMOTHY", "TIM TIMMY"), ("JEFFREY", "JEFF"), ("GERALD", "JERRY"), ("LAWRENCE", "LARRY"), ("GREGORY", "GREG"),
        ("SAMUEL", "SAM SAMMY"), ("BENJAMIN", "BEN BENNY"), ("ALEXANDER", "ALEX"), ("PATRICK", "PAT"), ("NICHOLAS", "NICK"),
        ("JONATHAN", "JON"), ("DOUGLAS", "DOUG"), ("RAYMOND", "RAY"), ("PETER", "PETE"), ("ANDREW", "ANDY DREW"),
        ("ELIZABETH", "LIZ BETH BETTY LIZZIE ELIZA"), ("MARGARET", "MAGGIE PEGGY MEG"), ("JENNIFER", "JEN JENNY"),
        ("KATHERINE", "KATE KATIE KATHY KAT"), ("CATHERINE", "CATHY CATE"), ("PATRICIA", "PATTY TRISH"),
        ("SUSAN", "SUE SUZY"), ("DEBORAH", "DEB DEBBIE"), ("REBECCA", "BECKY"), ("VICTORIA", "VICKY TORI"),
        ("JESSICA", "JESS JESSIE"), ("SAMANTHA", "SAM"), ("CHRISTINE", "CHRISTY TINA"), ("ABIGAIL", "ABBY"),
        // Spanish given names and their everyday forms.
        ("FRANCISCO", "PANCHO PACO FRANK FRANKIE KIKO CHICO"), ("JOSE", "PEPE CHEPE JOE"), ("GUADALUPE", "LUPE LUPITA"),
        ("JESUS", "CHUY CHUCHO"), ("IGNACIO", "NACHO"), ("GUILLERMO", "MEMO WILLIE"), ("EDUARDO", "LALO EDDIE"),
        ("ALBERTO", "BETO"), ("HUMBERTO", "BETO"), ("ANTONIO", "TONO TONY TONIO"), ("LUIS", "LUCHO"),
        ("SALVADOR", "CHAVA CHAVO"), ("ENRIQUE", "QUIQUE KIKE HENRY"), ("RAFAEL", "RAFA RAFI"), ("GRACIELA", "CHELA"),
        ("CONCEPCION", "CONCHA CONCHITA"), ("DOLORES", "LOLA LOLITA"), ("FRANCISCA", "PACA PANCHA"),
        ("TERESA", "TERE TERRY"), ("ROSARIO", "CHARO"), ("ALEJANDRO", "ALEX ALEJO JANDRO"), ("ALEJANDRA", "ALE JANDRA"),
        ("MANUEL", "MANNY MANOLO"), ("RICARDO", "RICKY RICH"), ("ROBERTO", "BETO BOBBY"), ("FERNANDO", "NANDO"),
        ("ARMANDO", "MANDO"), ("GUSTAVO", "TAVO GUS"), ("GILBERTO", "GIL BETO"), ("REFUGIO", "CUCO"),
        ("ANA", "ANITA"), ("MARIA", "MARI MARY"), ("JUAN", "JUANITO JOHNNY"), ("JOHN", "JOHNNY JACK"),
        ("CARLOS", "CHARLIE"), ("ELENA", "LENA"), ("ISABEL", "CHABELA ISA"), ("SANTIAGO", "CHAGO"));

    /// <summary>Nickname → the formal names it stands for (BETO: ALBERTO, HUMBERTO, ROBERTO).</summary>
    private static Dictionary<string, HashSet<string>> Build(params (string Formal, string Nicknames)[] entries)
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (formal, nicknames) in entries)
        {
            foreach (var nickname in nicknames.Split(' '))
            {
                if (!map.TryGetValue(nickname, out var formals)) map[nickname] = formals = new HashSet<string>(StringComparer.Ordinal);
                formals.Add(formal);
            }
        }
        return map;
    }
}
