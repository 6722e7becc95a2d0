//! Rouge's Windows batch file lexer (`rouge/lexers/batchfile.rb`) as a rule table.
//! Rouge classes a word by its lists (commands `nb`, devices `kr`, keywords…); any
//! other word falls to its `"set".casecmp` test, which is always true in Ruby, so it
//! is `Keyword.Declaration` (`kd`).

use std::sync::LazyLock;

use super::regex_lexer::{Grammar, Lexer, Next, REJECT, Rule, compile, mixin, rule};

pub(crate) static BATCHFILE: LazyLock<Lexer> = LazyLock::new(|| compile(&GRAMMAR));

/// Builtin and other commands, with the executable extensions they may carry.
const COMMANDS: &str = "\
    assoc attrib break bcdedit cacls cd chcp chdir chkdsk chkntfs choice cls cmd \
    color comp compact convert copy date del dir diskpart doskey dpath driverquery \
    echo endlocal erase fc find findstr format fsutil ftype gpresult graftabl help \
    icacls label md mkdir mklink mode more move openfiles path pause popd print \
    prompt pushd rd recover ren rename replace rmdir robocopy setlocal sc schtasks \
    shift shutdown sort start subst systeminfo takeown tasklist taskkill time \
    timeout title tree type ver verify vol xcopy waitfor wmic addusers admodcmd \
    ansicon arp at bcdboot bitsadmin browstat certreq certutil change cidiag cipher \
    cleanmgr clip cmdkey compress convertcp coreinfo csccmd csvde cscript curl debug \
    defrag delprof deltree devcon diamond dirquota diruse diskshadow diskuse dism \
    dnscmd dsacls dsadd dsget dsquery dsmod dsmove dsrm dsmgmt dsregcmd edlin \
    eventcreate expand extract fdisk fltmc forfiles freedisk ftp getmac gpupdate \
    hostname ifmember inuse ipconfig kill lgpo lodctr logman logoff logtime makecab \
    mapisend mbsacli mem mountvol moveuser msg mshta msiexec msinfo32 mstsc nbtstat \
    net net1 netdom netsh netstat nlsinfo nltest now nslookup ntbackup ntdsutil \
    ntoskrnl ntrights nvspbind pathping perms ping portqry powercfg pngout pnputil \
    printbrm prncnfg prnmngr procdump psexec psfile psgetsid psinfo pskill pslist \
    psloggedon psloglist pspasswd psping psservice psshutdown pssuspend qbasic qgrep \
    qprocess query quser qwinsta rasdial reg reg1 regdump regedt32 regsvr32 regini \
    reset restore rundll32 rmtshare route rpcping run runas scandisk setspn setx sfc \
    share shellrunas shortcut sigcheck sleep slmgr strings subinacl sysmon telnet \
    tftp tlist touch tracerpt tracert tscon tsdiscon tskill tttracer typeperf tzutil \
    undelete unformat verifier vmconnect vssadmin w32tm wbadmin wecutil wevtutil \
    wget where whoami windiff winrm winrs wpeutil wpr wusa wuauclt wscript .exe com \
    bat cmd msi";

const DEVICES: &str = "\
    con prn aux nul com1 com2 com3 com4 com5 com6 com7 com8 com9 lpt1 lpt2 lpt3 lpt4 \
    lpt5 lpt6 lpt7 lpt8 lpt9";

const WORD: &str = r"(?i)([a-z]\w*)(\.exe|com|bat|cmd|msi)?";

const GRAMMAR: Grammar = Grammar {
    states: &[
        ("root", &[mixin("basic"), mixin("data")]),
        ("basic", BASIC),
        ("escape", &[rule(r"(?s)\^.", &["se"])]),
        (
            "expansions",
            &[
                rule(r"(?i)[%!]+([a-z_$@#]+)[%!]+", &["nv"]),
                rule(r"(?i)(%+~?[a-z]+\d?)", &["vm"]),
            ],
        ),
        ("double_quotes", &quoted(r#"["]"#, r#"[^\^"%!]+"#, &["s2"])),
        ("single_quotes", &quoted("[']", r"[^\^'%!]+", &["s1"])),
        ("backtick", &quoted("[`]", r"[^\^`%!]+", &["sb"])),
        ("data", DATA),
    ],
    start: &[],
    error: "err",
};

const BASIC: &[Rule] = &[
    rule(r"(?i)@?\brem\b.*$", &["c"]),
    rule(r"^::.*$", &["c"]),
    rule(r"(?i):[a-z]+", &["nl"]),
    rule(WORD, &[REJECT, REJECT]).words(&[(COMMANDS, "nb")]),
    rule(WORD, &["kd", "err"]).words(&[
        (DEVICES, "kr"),
        ("if else for in do goto call exit", "k"),
        (
            "exist defined errorlevel cmdextversion not equ neq lss leq gtr geq",
            "ow",
        ),
        (
            "on off disable enableextensions enabledelayedexpansion",
            "na",
        ),
    ]),
    rule(r"(?i)((?:[/+]|--?)[a-z]+)\s*", &["na"]),
    mixin("expansions"),
    rule(r"[<>&|(){}\[\]\-+=;,~?*]", &["o"]),
];

/// A quoted string with `^` escapes and `%` expansions.
const fn quoted(
    quote: &'static str,
    body: &'static str,
    classes: &'static [&'static str],
) -> [Rule; 4] {
    [
        mixin("escape"),
        rule(quote, classes).then(Next::Pop),
        mixin("expansions"),
        rule(body, classes),
    ]
}

const DATA: &[Rule] = &[
    rule(r"\s+", &[""]),
    rule(r"(?i)0x[0-9a-f]+", &["mh"]),
    rule(r"[0-9]", &["m"]),
    rule(r#"["]"#, &["s2"]).then(Next::Push("double_quotes")),
    rule(r"[']", &["s1"]).then(Next::Push("single_quotes")),
    rule(r"[`]", &["sb"]).then(Next::Push("backtick")),
    rule(r#"[^\s&|()\[\]{}\^=;!%+\-,"'`~?*]+"#, &[""]),
    mixin("escape"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexes_batch_files() {
        let code = "@echo off\nset X=%1\n";
        // `@echo` is one `Text` word, and `%1` an error then a number, as in Rouge.
        let want = vec![
            ("", "@echo "),
            ("na", "off"),
            ("", "\n"),
            ("kd", "set"),
            ("", " "),
            ("kd", "X"),
            ("o", "="),
            ("err", "%"),
            ("m", "1"),
            ("", "\n"),
        ];
        let got = BATCHFILE.tokens(code);
        let got = crate::converter::highlight::format::classes(&got, code);
        assert_eq!(got, want);
    }
}
