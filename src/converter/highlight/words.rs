//! Rouge's own word lists, which decide classes that Sublime grammars scope
//! differently: the shell lexer's `BUILTINS` (`rouge/lexers/shell.rb`), the Ruby
//! lexer's keywords and builtins (`ruby.rb`), the Python lexer's builtins (`python.rb`)
//! and the JavaScript and TypeScript lexers' word classes (`javascript.rb`,
//! `typescript/common.rb`). Each list is one string of space-separated words.

/// Commands Rouge's shell lexer marks `Name.Builtin` wherever they stand as a word.
pub(crate) const SHELL_BUILTINS: &str = "\
    alias bg bind break builtin caller cd command compgen complete declare dirs \
    disown enable eval exec exit export false fc fg getopts hash help history jobs \
    let local logout mapfile popd pushd pwd read readonly set shift shopt source \
    suspend test time times trap true type typeset ulimit umask unalias unset wait \
    cat tac nl od base32 base64 fmt pr fold head tail split csplit wc sum cksum \
    b2sum md5sum sha1sum sha224sum sha256sum sha384sum sha512sum sort shuf uniq comm \
    ptx tsort cut paste join tr expand unexpand ls dir vdir dircolors cp dd install \
    mv rm shred link ln mkdir mkfifo mknod readlink rmdir unlink chown chgrp chmod \
    touch df du stat sync truncate echo printf yes expr tee basename dirname pathchk \
    mktemp realpath stty printenv tty id logname whoami groups users who date arch \
    nproc uname hostname hostid uptime chcon runcon chroot env nice nohup stdbuf \
    timeout kill sleep factor numfmt seq tar grep sudo awk sed gzip gunzip";

/// Keywords of Rouge's shell lexer (`KEYWORDS`).
pub(crate) const SHELL_KEYWORDS: &str = "\
    if fi else while do done for then return function select continue until esac \
    elif in case";

/// Methods Rouge's Ruby lexer marks `Name.Builtin` when not called on a receiver.
pub(crate) const RUBY_BUILTINS: &str = "\
    attr_reader attr_writer attr_accessor __id__ __send__ abort ancestors at_exit \
    autoload binding callcc caller catch chomp chop class_eval class_variables clone \
    const_get const_missing const_set constants display dup eval exec exit extend \
    fail fork format freeze getc gets global_variables gsub hash id included_modules \
    inspect instance_eval instance_method instance_methods instance_variable_get \
    instance_variable_set instance_variables lambda load local_variables loop method \
    method_missing methods module_eval name object_id open p print printf \
    private_class_method private_instance_methods private_methods proc \
    protected_instance_methods protected_methods public_class_method \
    public_instance_methods public_methods putc puts raise rand readline readlines \
    require require_relative scan select self send set_trace_func singleton_methods \
    sleep split sprintf srand sub syscall system taint test throw to_a to_s \
    trace_var trap untaint untrace_var warn";

/// Functions Rouge's Python lexer marks `Name.Builtin`.
pub(crate) const PYTHON_BUILTINS: &str = "\
    __import__ abs all any apply ascii basestring bin bool buffer bytearray bytes \
    callable chr classmethod cmp coerce compile complex delattr dict dir divmod \
    enumerate eval execfile exit file filter float format frozenset getattr globals \
    hasattr hash hex id input int intern isinstance issubclass iter len list locals \
    long map max memoryview min next object oct open ord pow property range \
    raw_input reduce reload repr reversed round set setattr slice sorted \
    staticmethod str sum super tuple type unichr unicode vars xrange zip";

/// Names Rouge's Python lexer marks `Name.Builtin.Pseudo`.
pub(crate) const PYTHON_PSEUDO: &str = "\
    self None Ellipsis NotImplemented False True";

/// Keywords and pseudo-keywords of Rouge's Ruby lexer.
pub(crate) const RUBY_KEYWORDS: &str = "\
    BEGIN END alias begin break case defined? do else elsif end ensure for if in \
    next redo rescue raise retry return super then undef unless until when while \
    yield";

pub(crate) const RUBY_PSEUDO: &str = "\
    loop include extend raise alias_method attr catch throw private module_function \
    public protected true false nil __FILE__ __LINE__";

/// Rouge's JavaScript identifier classes (`javascript.rb`): keywords `k`,
/// declarations `kd`, reserved words `kr`, constants `kc` and builtins `nb`.
pub(crate) const JS_KEYWORDS: &str = "\
    as async await break case catch continue debugger default delete do else export \
    finally from for if import in instanceof new of return super switch this throw \
    try typeof void while yield";

pub(crate) const JS_DECLARATIONS: &str = "\
    var let const with function class extends constructor get set static";

pub(crate) const JS_RESERVED: &str = "\
    enum implements interface package private protected public";

pub(crate) const JS_CONSTANTS: &str = "\
    true false null NaN Infinity undefined";

pub(crate) const JS_BUILTINS: &str = "\
    Array Boolean Date Error Function Math netscape Number Object Packages RegExp \
    String sun decodeURI decodeURIComponent encodeURI encodeURIComponent eval \
    isFinite isNaN parseFloat parseInt document window navigator self global Promise \
    Set Map WeakSet WeakMap Symbol Proxy Reflect Int8Array Uint8Array \
    Uint8ClampedArray Int16Array Uint16Array Uint16ClampedArray Int32Array \
    Uint32Array Uint32ClampedArray Float32Array Float64Array DataView ArrayBuffer";

/// TypeScript's additions (`typescript/common.rb`).
pub(crate) const TS_KEYWORDS: &str = "\
    is namespace static private protected public implements readonly";

pub(crate) const TS_DECLARATIONS: &str = "\
    type abstract";

pub(crate) const TS_RESERVED: &str = "\
    string any void number namespace module declare default interface keyof";

pub(crate) const TS_BUILTINS: &str = "\
    Pick Partial Readonly Record";
