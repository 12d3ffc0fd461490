# narrator — plain Makefile. `make`, `make demo`, `make test`, `make install`, `make clean`.
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
LIBDIR   = $(PREFIX)/lib
INCDIR   = $(PREFIX)/include
DATADIR  = $(PREFIX)/share/narrator
MANDIR   = $(PREFIX)/share/man/man1

CC      ?= cc
PKGS     = espeak-ng sndfile ao yaml-0.1 samplerate libxml-2.0 uchardet
# Linked: libyaml only. eSpeak NG, libsndfile, libsamplerate, libao, libxml2 and libuchardet are loaded at first
# use (src/util/dynlib.c), so that text-only runs start fast; their headers still come from PKGS.
LINK_PKGS = yaml-0.1
# Debian packages that provide the libraries above, plus what the tests and demo use.
# speech-dispatcher (with spd-say), its audio plugins, its eSpeak NG module (the latency
# yardstick) and python3-speechd run the speech-dispatcher module tests.
DEB_PKGS = libespeak-ng-dev libsndfile1-dev libao-dev libyaml-dev libsamplerate0-dev libxml2-dev libuchardet-dev \
           espeak-ng sndfile-programs pkg-config make gcc python3 libmp3lame-dev \
           speech-dispatcher speech-dispatcher-audio-plugins speech-dispatcher-espeak-ng python3-speechd \
           lame time

# Where speech-dispatcher looks for output modules and their configuration files: from its
# pkg-config file or the installed package, else Debian's paths.
SPEECHD_MODULEDIR ?= $(shell d=$$(pkg-config --variable=modulebindir speech-dispatcher 2>/dev/null); \
    [ -n "$$d" ] || d=$$(dpkg-query -L speech-dispatcher 2>/dev/null | grep -m1 '/speech-dispatcher-modules$$'); \
    echo "$${d:-/usr/lib/speech-dispatcher-modules}")
SPEECHD_CONFDIR ?= /etc/speech-dispatcher/modules

VERSION  = 0.1.0
CFLAGS  ?= -O2 -g
# The flags the code needs, kept apart from CFLAGS so `make CFLAGS=...` can't drop them.
NR_CFLAGS = -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -fPIC -fvisibility=hidden -Isrc -I$(B)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(LINK_PKGS) 2>/dev/null)
LDLIBS   = $(PKG_LIBS) -lm -lpthread -ldl
# Programs built on libnarrator.a export this one symbol so that eSpeak NG binds it to
# narrator's own (src/synth/espeak.c: no sound-server connection for eSpeak NG).
EXPORT_LDFLAGS = -Wl,--export-dynamic-symbol=create_audio_device_object
# the sink tests read files back with libsndfile directly
TEST_LIBS = $(shell pkg-config --libs sndfile 2>/dev/null)

B = build
FRONT_SRC = $(wildcard src/front/*.c)
LIB_SRC   = $(FRONT_SRC) $(wildcard src/input/*.c) $(wildcard src/synth/*.c) $(wildcard src/output/*.c) $(wildcard src/util/*.c) $(wildcard src/*.c)
LIB_OBJ   = $(LIB_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ   = $(patsubst %.c,$(B)/obj/%.o,$(wildcard src/cli/*.c))
SD_SRC    = $(wildcard plugins/speechd/*.c)
SD_OBJ    = $(SD_SRC:%.c=$(B)/obj/%.o)
TEST_SRC  = $(wildcard tests/unit/*.c)
TEST_OBJ  = $(TEST_SRC:%.c=$(B)/obj/%.o)

.PHONY: all deps demo test sanitize install uninstall clean FORCE
all: $(B)/libnarrator.so $(B)/libnarrator.a $(B)/narrator $(B)/narrator.pc $(B)/sd_narrator

# Build settings the code needs; rewritten only when they change (e.g. another PREFIX),
# so `make install PREFIX=/usr` rebuilds with the right data directory.
$(B)/config.h: FORCE
	@mkdir -p $(B)
	@printf '#define NARRATOR_VERSION "%s"\n#define NARRATOR_DATADIR "%s"\n' '$(VERSION)' '$(DATADIR)' >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(B)/obj/%.o: %.c $(B)/config.h $(wildcard src/*.h src/*/*.h tests/unit/*.h plugins/speechd/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(NR_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

# pkg-config file for programs using libnarrator (see doc/example.c), for this PREFIX
$(B)/narrator.pc: narrator.pc.in $(B)/config.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCDIR@|$(INCDIR)|' \
	    -e 's|@VERSION@|$(VERSION)|' narrator.pc.in >$@

$(B)/libnarrator.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(B)/libnarrator.so: $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libnarrator.so.0 -o $@ $^ $(LDFLAGS) $(LDLIBS)

# The CLI links the static library so build/narrator runs from the tree without LD_LIBRARY_PATH.
$(B)/narrator: $(CLI_OBJ) $(B)/libnarrator.a
	$(CC) -o $@ $(CLI_OBJ) $(B)/libnarrator.a $(LDFLAGS) $(EXPORT_LDFLAGS) $(LDLIBS)

# The speech-dispatcher output module, on the public API like the CLI.
$(B)/sd_narrator: $(SD_OBJ) $(B)/libnarrator.a
	$(CC) -o $@ $(SD_OBJ) $(B)/libnarrator.a $(LDFLAGS) $(EXPORT_LDFLAGS) $(LDLIBS)

$(B)/unit_tests: $(TEST_OBJ) $(B)/libnarrator.a
	$(CC) -o $@ $(TEST_OBJ) $(B)/libnarrator.a $(LDFLAGS) $(EXPORT_LDFLAGS) $(LDLIBS) $(TEST_LIBS)

# Install missing Debian packages (skipped when all are present).
deps:
	@./tools/deps.sh $(DEB_PKGS)

demo: deps
	@$(MAKE) --no-print-directory all
	@./tools/demo.sh

test: deps
	@$(MAKE) --no-print-directory all $(B)/unit_tests
	@./tests/run.sh

# The unit tests and the speech-dispatcher module's protocol test under AddressSanitizer and
# UndefinedBehaviorSanitizer, in a build dir of their own. With clang when it is installed:
# its UBSan also reports pointer arithmetic on NULL, which gcc's lets pass.
SANITIZE_CC ?= $(shell command -v clang >/dev/null 2>&1 && echo clang || echo $(CC))
SAN = build/sanitize-$(notdir $(SANITIZE_CC))
sanitize: deps
	@$(MAKE) --no-print-directory B=$(SAN) CC=$(SANITIZE_CC) CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=address,undefined" $(SAN)/unit_tests $(SAN)/sd_narrator
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 $(SAN)/unit_tests
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	    SD_NARRATOR=$(SAN)/sd_narrator /usr/bin/python3 tests/speechd_protocol.py

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR) \
	           $(DESTDIR)$(DATADIR)/voices/lexicons $(DESTDIR)$(MANDIR)
	install -m 755 $(B)/narrator $(DESTDIR)$(BINDIR)/narrator
	install -m 644 $(B)/libnarrator.a $(DESTDIR)$(LIBDIR)/libnarrator.a
	install -m 755 $(B)/libnarrator.so $(DESTDIR)$(LIBDIR)/libnarrator.so.0
	ln -sf libnarrator.so.0 $(DESTDIR)$(LIBDIR)/libnarrator.so
	install -m 644 src/narrator.h $(DESTDIR)$(INCDIR)/narrator.h
	install -m 644 $(B)/narrator.pc $(DESTDIR)$(LIBDIR)/pkgconfig/narrator.pc
	install -m 644 voices/*.yaml $(DESTDIR)$(DATADIR)/voices/
	install -m 644 voices/lexicons/*.yaml $(DESTDIR)$(DATADIR)/voices/lexicons/
	install -m 644 doc/narrator.1 $(DESTDIR)$(MANDIR)/narrator.1
	install -d $(DESTDIR)$(SPEECHD_MODULEDIR) $(DESTDIR)$(SPEECHD_CONFDIR)
	install -m 755 $(B)/sd_narrator $(DESTDIR)$(SPEECHD_MODULEDIR)/sd_narrator
	install -m 644 plugins/speechd/narrator.conf $(DESTDIR)$(SPEECHD_CONFDIR)/narrator.conf

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/narrator $(DESTDIR)$(LIBDIR)/libnarrator.* $(DESTDIR)$(LIBDIR)/pkgconfig/narrator.pc \
	      $(DESTDIR)$(INCDIR)/narrator.h $(DESTDIR)$(MANDIR)/narrator.1
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(SPEECHD_MODULEDIR)/sd_narrator $(DESTDIR)$(SPEECHD_CONFDIR)/narrator.conf

clean:
	rm -rf $(B)
