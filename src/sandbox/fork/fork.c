/*
 * The fork server's native part (see ../zygote.ts): fork() for a Node process started with
 * --single-threaded, and the walls a forked child puts up around itself before any learner code
 * runs. Written on the assumption that learner code will own the child: everything here is enforced
 * by the kernel (file descriptors, resource limits, a seccomp filter) and cannot be undone from inside.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <node_api.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__)
#define SECCOMP_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define SECCOMP_ARCH AUDIT_ARCH_AARCH64
#else
#error "the fork server knows the system calls of x86_64 and aarch64 only"
#endif

/* Set in a forked child: it may never fork again, whatever learner code asks of this module. */
static int in_child = 0;
static pid_t zygote_pid = 0;

static napi_value number(napi_env env, int value) {
  napi_value out;
  napi_create_int32(env, value, &out);
  return out;
}

static napi_value fail(napi_env env, const char *what, int error) {
  char message[200];
  snprintf(message, sizeof message, "%s: %s", what, strerror(error));
  napi_throw_error(env, NULL, message);
  return NULL;
}

static int int_args(napi_env env, napi_callback_info info, int32_t *values, size_t count) {
  napi_value argv[4];
  size_t argc = 4;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < count) return -1;
  for (size_t i = 0; i < count; i++)
    if (napi_get_value_int32(env, argv[i], &values[i]) != napi_ok) return -1;
  return 0;
}

/* A string argument, copied into `out` (size bytes); -1 when missing or too long. */
static int string_arg(napi_env env, napi_value value, char *out, size_t size) {
  size_t length = 0;
  if (napi_get_value_string_utf8(env, value, out, size, &length) != napi_ok || length + 1 >= size) return -1;
  return 0;
}

/*
 * Binds source on target read-only, as `mount --bind -o ro` does: a bind, then a remount. The remount
 * keeps the flags a user namespace may not clear (nosuid, nodev, noexec, the atime mode).
 */
static int bind_readonly(const char *source, const char *target) {
  if (mount(source, target, NULL, MS_BIND, NULL) != 0) return -1;
  struct statvfs st;
  if (statvfs(target, &st) != 0) return -1;
  unsigned long kept = 0;
  if (st.f_flag & ST_NOSUID) kept |= MS_NOSUID;
  if (st.f_flag & ST_NODEV) kept |= MS_NODEV;
  if (st.f_flag & ST_NOEXEC) kept |= MS_NOEXEC;
  if (st.f_flag & ST_NODIRATIME) kept |= MS_NODIRATIME;
  if (st.f_flag & ST_NOATIME) kept |= MS_NOATIME;
  else if (st.f_flag & ST_RELATIME) kept |= MS_RELATIME;
  else kept |= MS_STRICTATIME;
  return mount(NULL, target, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | kept, NULL);
}

/*
 * The fork server's walls, put up by itself before it loads any of the sandbox's code (see
 * ../isolation.ts, which starts it in new namespaces and no further). A fresh tmpfs over /tmp becomes
 * the root, holding an empty tmp and this addon (read-only, at /convgrade-fork.node) and nothing of the
 * host's: neither the zygote nor its children start a program, and a file shared with the host shares
 * its page cache (a channel). The tmpfs is made read-only and becomes the root. Then, when `uid` is not
 * -1, the unprivileged user, with no supplementary group; in every case no capability left (bounding
 * set, ambient, inheritable, permitted, effective: checked), and the parent-death signal again. Any
 * failure throws: the zygote then exits, and the sandboxes start as processes of their own.
 * Arguments: the addon's path, uid, gid.
 */
static napi_value WallIn(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  size_t argc = 3;
  char addon[4096];
  int32_t uid, gid;
  if (zygote_pid != 0 || in_child || napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 3 ||
      string_arg(env, argv[0], addon, sizeof addon) != 0 || napi_get_value_int32(env, argv[1], &uid) != napi_ok ||
      napi_get_value_int32(env, argv[2], &gid) != napi_ok)
    return fail(env, "wallIn", EINVAL);
  // Opened before the tmpfs hides it, should it live under /tmp: bound in below through /proc.
  int own = open(addon, O_PATH | O_CLOEXEC);
  if (own < 0) return fail(env, "addon", errno);
  snprintf(addon, sizeof addon, "/proc/self/fd/%d", own);
  if (mount("convgrade", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=755") != 0) return fail(env, "mount tmpfs", errno);
  if (chdir("/tmp") != 0 || mkdir("tmp", 0755) != 0) return fail(env, "root folder", errno);
  int file = open("convgrade-fork.node", O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0644);
  if (file < 0) return fail(env, "addon", errno);
  close(file);
  if (bind_readonly(addon, "convgrade-fork.node") != 0) return fail(env, "bind addon", errno);
  close(own);
  if (mount(NULL, "/tmp", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) != 0) return fail(env, "remount root", errno);
  if (chroot("/tmp") != 0 || chdir("/") != 0) return fail(env, "chroot", errno);
  for (int cap = 0; cap <= 63; cap++)
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) return fail(env, "bounding set", errno);
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) return fail(env, "ambient", errno);
  if (uid != -1) {
    if (uid <= 0 || gid <= 0) return fail(env, "wallIn", EINVAL);
    if (setgroups(0, NULL) != 0 || setresgid(gid, gid, gid) != 0 || setresuid(uid, uid, uid) != 0) return fail(env, "user", errno);
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) != 0 || r != (uid_t)uid || e != (uid_t)uid || s != (uid_t)uid) return fail(env, "user", EPERM);
  }
  struct __user_cap_header_struct header = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
  struct __user_cap_data_struct none[2] = {{0, 0, 0}, {0, 0, 0}};
  if (syscall(__NR_capset, &header, none) != 0) return fail(env, "capabilities", errno);
  struct __user_cap_data_struct left[2];
  if (syscall(__NR_capget, &header, left) != 0 || left[0].permitted || left[1].permitted || left[0].effective || left[1].effective)
    return fail(env, "capabilities", EPERM);
  if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) return fail(env, "prctl(PR_SET_PDEATHSIG)", errno);
  return NULL;
}

/* The zygote's own hardening: no process of the same user may trace it or read its memory. */
static int install_filter(pid_t self, int child);

/*
 * The zygote's own walls, before any child is forked: no process of the same user may trace it or
 * read its memory, and it gets the seccomp filter less fork and kill (its children stack theirs).
 */
static napi_value Harden(napi_env env, napi_callback_info info) {
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) return fail(env, "prctl(PR_SET_DUMPABLE)", errno);
  zygote_pid = getpid();
  if (install_filter(zygote_pid, 0) != 0) return fail(env, "seccomp", errno);
  return NULL;
}

/*
 * V8 marks its heap and code pages MADV_DONTFORK: a child would fault on them. Undone for every
 * mapping of [start, start + length). The kernel stops at a mapping it will not change (the vDSO's
 * data): such a range is halved until that mapping alone is left out. Gaps are skipped (ENOMEM).
 */
static void undo_dontfork(uintptr_t start, uintptr_t length) {
  if (madvise((void *)start, length, MADV_DOFORK) == 0 || errno != EINVAL || length <= 0x10000) return;
  uintptr_t half = (length / 2) & ~(uintptr_t)0xfff;
  undo_dontfork(start, half);
  undo_dontfork(start + half, length - half);
}

static napi_value Fork(napi_env env, napi_callback_info info) {
  if (in_child || zygote_pid != getpid()) return fail(env, "fork", EPERM);
  undo_dontfork(0x1000, ((uintptr_t)1 << 47) - 0x1000);
  pid_t pid = fork();
  if (pid < 0) return fail(env, "fork", errno);
  if (pid == 0) in_child = 1;
  return number(env, (int)pid);
}

/*
 * The system calls that reach beyond the calling process (network, other processes, IPC, keyrings,
 * mounts, new namespaces or programs): denied to the zygote and to its children. A deny list, not an
 * allow list, because Node's own needs vary with its version; the argument rules below close the
 * calls that are needed but could also aim at another process.
 */
static const int denied_everywhere[] = {
    __NR_socket, __NR_socketpair, __NR_connect, __NR_bind, __NR_listen, __NR_accept, __NR_accept4,
    __NR_shutdown, __NR_flock,
    __NR_sendmsg, __NR_sendmmsg, __NR_recvmsg, __NR_recvmmsg, __NR_ptrace, __NR_process_vm_readv,
    __NR_process_vm_writev, __NR_tkill, __NR_rt_sigqueueinfo, __NR_rt_tgsigqueueinfo, __NR_execve,
    __NR_execveat, __NR_unshare, __NR_setns, __NR_mount, __NR_umount2, __NR_pivot_root, __NR_chroot,
    __NR_keyctl, __NR_add_key, __NR_request_key, __NR_shmget, __NR_shmat, __NR_shmctl, __NR_msgget,
    __NR_msgsnd, __NR_msgrcv, __NR_msgctl, __NR_semget, __NR_semop, __NR_semtimedop, __NR_semctl,
    __NR_mq_open, __NR_mq_timedsend, __NR_mq_timedreceive, __NR_mq_notify, __NR_mq_getsetattr,
    __NR_io_uring_setup, __NR_io_uring_enter, __NR_io_uring_register, __NR_userfaultfd,
    __NR_perf_event_open, __NR_bpf, __NR_kcmp, __NR_process_madvise, __NR_pidfd_open,
    __NR_pidfd_send_signal, __NR_pidfd_getfd, __NR_open_by_handle_at, __NR_name_to_handle_at,
    __NR_setpriority, __NR_sched_setaffinity, __NR_sched_setscheduler, __NR_sched_setparam,
    __NR_sched_setattr, __NR_ioprio_set, __NR_migrate_pages, __NR_move_pages, __NR_personality,
    __NR_mknodat, __NR_fanotify_init, __NR_inotify_init1, __NR_syslog, __NR_open_tree,
    __NR_move_mount, __NR_fsopen, __NR_fsconfig, __NR_fsmount, __NR_fspick, __NR_mount_setattr,
    /* The page cache of files others read is shared: evicting or probing pages of one (or reading
       without waiting for the disk) was a channel between sandboxes, across graders. */
    __NR_fadvise64, __NR_readahead, __NR_mincore, __NR_preadv2, __NR_pwritev2, 451 /* cachestat */,
#ifdef __NR_fork
    __NR_mknod, __NR_inotify_init,
#endif
};

/* What only the children are denied: the zygote must fork and kill its children. */
static const int denied_to_children[] = {
    __NR_kill, __NR_clone,
#ifdef __NR_clone3
    __NR_clone3,
#endif
#ifdef __NR_fork
    __NR_fork, __NR_vfork,
#endif
};

#define COUNT(list) (sizeof list / sizeof list[0])
/*
 * fcntl commands that make the kernel signal a chosen process (SIGIO, leases, notices), that lock a
 * file other processes can see (the host's /usr is bound in: a lock is a channel), or that take from
 * a budget the user's other processes share (pipe sizes).
 */
static const unsigned signalling_fcntl[] = {8 /* F_SETOWN */,      10 /* F_SETSIG */,      15 /* F_SETOWN_EX */,
                                            1024 /* F_SETLEASE */, 1026 /* F_NOTIFY */,    6 /* F_SETLK */,
                                            7 /* F_SETLKW */,      37 /* F_OFD_SETLK */,   38 /* F_OFD_SETLKW */,
                                            1031 /* F_SETPIPE_SZ */};
static const unsigned signalling_ioctl[] = {0x8901 /* FIOSETOWN */, 0x8902 /* SIOCSPGRP */};
/* madvise advice that pushes a file's pages out of the page cache others share (see fadvise64 above). */
static const unsigned evicting_madvise[] = {20 /* MADV_COLD */, 21 /* MADV_PAGEOUT */};

#define DENY (SECCOMP_RET_ERRNO | EPERM)
#define STMT(code, k) ((struct sock_filter)BPF_STMT(code, k))
#define JUMP(code, k, yes, no) ((struct sock_filter)BPF_JUMP(code, k, yes, no))
#define LOAD_NR STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
#define LOAD_ARG(i) STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[i]))

/* The rule "call nr with argument i (its low 32 bits, all the kernel reads) among values: deny". */
static size_t deny_argument(struct sock_filter *p, int nr, int i, const unsigned *values, size_t count) {
  size_t n = 0;
  p[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, (unsigned char)(count + 3));
  p[n++] = LOAD_ARG(i);
  for (size_t v = 0; v < count; v++) p[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, values[v], (unsigned char)(count - v), 0);
  p[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  p[n++] = STMT(BPF_RET | BPF_K, DENY);
  return n;
}

/* The rule "call nr with argument i other than 0 or this process: deny" (signals, resource limits). */
static size_t only_self(struct sock_filter *p, int nr, int i, pid_t self, int zero_too) {
  size_t n = 0;
  p[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 5);
  p[n++] = LOAD_ARG(i);
  p[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)self, 2, 0);
  p[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, zero_too ? 1 : 0, 0);
  p[n++] = STMT(BPF_RET | BPF_K, DENY);
  p[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  return n;
}

/*
 * Installs the filter: the calls above denied (EPERM), in a child tgkill and prlimit64 only on
 * itself, the signalling fcntl and ioctl commands denied; system calls of another ABI (x32, i386) end the
 * process. Filters stack: a child keeps the zygote's and adds its own.
 */
static int install_filter(pid_t self, int child) {
  struct sock_filter program[16 + 2 * (COUNT(denied_everywhere) + COUNT(denied_to_children)) + 64];
  size_t n = 0;
  program[n++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
  program[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_ARCH, 1, 0);
  program[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
  program[n++] = LOAD_NR;
#if defined(__x86_64__)
  program[n++] = JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1);
  program[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
#endif
  for (size_t i = 0; i < COUNT(denied_everywhere); i++) {
    program[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)denied_everywhere[i], 0, 1);
    program[n++] = STMT(BPF_RET | BPF_K, DENY);
  }
  for (size_t i = 0; child && i < COUNT(denied_to_children); i++) {
    program[n++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)denied_to_children[i], 0, 1);
    program[n++] = STMT(BPF_RET | BPF_K, DENY);
  }
  // Pid rules in the children's filter only: the zygote's, which they inherit, would deny them their own pid.
  if (child) {
    n += only_self(program + n, __NR_tgkill, 0, self, 0);
    program[n++] = LOAD_NR;
    n += only_self(program + n, __NR_prlimit64, 0, self, 1);
    program[n++] = LOAD_NR;
  }
  n += deny_argument(program + n, __NR_fcntl, 1, signalling_fcntl, COUNT(signalling_fcntl));
  program[n++] = LOAD_NR;
  n += deny_argument(program + n, __NR_ioctl, 1, signalling_ioctl, COUNT(signalling_ioctl));
  program[n++] = LOAD_NR;
  n += deny_argument(program + n, __NR_madvise, 2, evicting_madvise, COUNT(evicting_madvise));
  program[n++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
  struct sock_fprog fprog = {.len = (unsigned short)n, .filter = program};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
  return (int)syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &fprog);
}

/* How far above the slots the zygote's own descriptors (Node's, libuv's) are looked for in a child. */
#define OWN_DESCRIPTORS 256

/*
 * Run in a forked child first: dies with the zygote, keeps its own slot's descriptors only (channel
 * on 3, output on 1 and 2; every slot's, 4 to `last`, are closed), may start no process or thread,
 * and gets the children's seccomp filter. The zygote's own descriptors above the slots (libuv's
 * epoll, eventfd and signal pipe, shared with the zygote and every sibling) are each replaced by an
 * eventfd of the child's own: V8 still wakes the never-run event loop through them (and aborts if
 * one is closed), but a write reaches no other process. Anything further up is closed. Any step
 * that fails ends the child (exit 75) before learner code could run without it.
 */
static napi_value BecomeChild(napi_env env, napi_callback_info info) {
  int32_t fds[4];
  if (!in_child || int_args(env, info, fds, 4) != 0 || fds[3] < 4 || fds[3] > 4096) return fail(env, "becomeChild", EINVAL);
  if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 || getppid() != zygote_pid) _exit(75);
  if (dup2(fds[0], 3) < 0 || dup2(fds[1], 1) < 0 || dup2(fds[2], 2) < 0) _exit(75);
  /* Descriptor 0 was the zygote's /dev/null, one open file shared with every sibling: its flags
     (F_SETFL) were a channel from one child to the next. An eventfd of the child's own instead. */
  int input = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (input < 0 || dup2(input, 0) < 0) _exit(75);
  close(input);
  for (int fd = 4; fd <= fds[3]; fd++) close(fd);
  for (int fd = fds[3] + 1; fd <= fds[3] + OWN_DESCRIPTORS; fd++) {
    if (fcntl(fd, F_GETFD) < 0) continue;
    int own = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (own < 0 || dup2(own, fd) < 0) _exit(75);
    close(own);
  }
  if (syscall(__NR_close_range, (unsigned)(fds[3] + OWN_DESCRIPTORS + 1), ~0U, 0U) != 0 && errno != ENOSYS) _exit(75);
  struct rlimit none = {0, 0};
  if (setrlimit(RLIMIT_NPROC, &none) != 0 || setrlimit(RLIMIT_CORE, &none) != 0) _exit(75);
  if (install_filter(getpid(), 1) != 0) _exit(75);
  return NULL;
}

static napi_value Exit(napi_env env, napi_callback_info info) {
  int32_t code = 0;
  int_args(env, info, &code, 1);
  _exit(code);
  return NULL;
}

/* SIGKILL to a child of the zygote (not yet reaped: its pid cannot have been reused). */
static napi_value Kill(napi_env env, napi_callback_info info) {
  int32_t pid;
  if (in_child || int_args(env, info, &pid, 1) != 0 || pid <= 0) return fail(env, "kill", EINVAL);
  kill(pid, SIGKILL);
  return NULL;
}

/* One child that has ended, reaped: [pid, exit code or -1, signal or 0]; null when none has. */
static napi_value ReapAny(napi_env env, napi_callback_info info) {
  if (in_child) return fail(env, "reapAny", EPERM);
  int status = 0;
  pid_t pid = waitpid(-1, &status, WNOHANG);
  if (pid <= 0) {
    napi_value none;
    napi_get_null(env, &none);
    return none;
  }
  napi_value out;
  napi_create_array_with_length(env, 3, &out);
  napi_set_element(env, out, 0, number(env, (int)pid));
  napi_set_element(env, out, 1, number(env, WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  napi_set_element(env, out, 2, number(env, WIFSIGNALED(status) ? WTERMSIG(status) : 0));
  return out;
}

/* Waits at most `ms` for descriptor `fd` to be readable (the zygote's control channel). */
static napi_value WaitReadable(napi_env env, napi_callback_info info) {
  int32_t args[2];
  if (int_args(env, info, args, 2) != 0) return fail(env, "waitReadable", EINVAL);
  struct pollfd one = {.fd = args[0], .events = POLLIN};
  napi_value out;
  napi_get_boolean(env, poll(&one, 1, args[1]) > 0, &out);
  return out;
}

static void probe_result(napi_env env, napi_value out, const char *name, int result) {
  napi_value text;
  napi_create_string_utf8(env, result < 0 ? strerror(errno) : "allowed", NAPI_AUTO_LENGTH, &text);
  napi_set_named_property(env, out, name, text);
}

/*
 * Tries, harmlessly, each way out the filter closes, and says for each whether it was allowed or
 * why not: the witness of the walls in our tests (in a forked child every one must be refused; in an
 * ordinary process most are allowed). `target`: another process to signal and read, by pid.
 */
static napi_value Probe(napi_env env, napi_callback_info info) {
  int32_t target = 0;
  if (int_args(env, info, &target, 1) != 0) return fail(env, "probe", EINVAL);
  napi_value out;
  napi_create_object(env, &out);
  if (in_child) {
    /* The sandbox's root, which no child may write (it is shared by the zygote's children). */
    int file = open("/convgrade-probe", O_CREAT | O_EXCL | O_WRONLY, 0600);
    probe_result(env, out, "writeRoot", file);
    if (file >= 0) close(file);
  }
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  probe_result(env, out, "inetSocket", fd);
  if (fd >= 0) close(fd);
  fd = socket(AF_UNIX, SOCK_STREAM, 0);
  probe_result(env, out, "unixSocket", fd);
  if (fd >= 0) close(fd);
  probe_result(env, out, "signal", kill(target, 0));
  char byte;
  struct iovec local = {&byte, 0}, remote = {(void *)0x1000, 0};
  probe_result(env, out, "readMemory", (int)syscall(__NR_process_vm_readv, target, &local, 1, &remote, 1, 0));
  int id = shmget(IPC_PRIVATE, 4096, 0600);
  probe_result(env, out, "sharedMemory", id);
  if (id >= 0) shmctl(id, IPC_RMID, NULL);
  id = msgget(IPC_PRIVATE, 0600);
  probe_result(env, out, "messageQueue", id);
  if (id >= 0) msgctl(id, IPC_RMID, NULL);
  probe_result(env, out, "keyring", (int)syscall(__NR_add_key, "user", "convgrade-probe", "x", 1, -2 /* the process keyring */));
  probe_result(env, out, "unshare", unshare(0));
  struct rlimit limit;
  probe_result(env, out, "otherLimits", (int)syscall(__NR_prlimit64, target, RLIMIT_NOFILE, NULL, &limit));
  int pipes[2];
  if (pipe(pipes) == 0) {
    probe_result(env, out, "signalOwner", fcntl(pipes[0], F_SETOWN, target));
    close(pipes[0]);
    close(pipes[1]);
  }
  /* On descriptor -1: refused by the filter (EPERM) before the kernel finds it bad (EBADF). */
  probe_result(env, out, "shutdown", shutdown(-1, SHUT_RDWR));
  probe_result(env, out, "fileLock", flock(-1, LOCK_EX | LOCK_NB));
  struct flock range = {.l_type = F_WRLCK};
  probe_result(env, out, "recordLock", fcntl(-1, F_SETLK, &range));
  /* The shared page cache: evicting (on descriptor -1, EBADF when allowed), residency, reads that never wait. */
  probe_result(env, out, "pageCache", (int)syscall(__NR_fadvise64, -1, 0, 0, 4 /* POSIX_FADV_DONTNEED */));
  static unsigned char page[4096] __attribute__((aligned(4096)));
  unsigned char resident[1];
  probe_result(env, out, "pageResidency", (int)syscall(__NR_mincore, page, sizeof page, resident));
  probe_result(env, out, "pageOut", (int)syscall(__NR_madvise, page, sizeof page, 21 /* MADV_PAGEOUT */));
  struct iovec none = {&byte, 0};
  probe_result(env, out, "readNoWait", (int)syscall(__NR_preadv2, -1, &none, 1, 0, 0, 8 /* RWF_NOWAIT */));
  char *argv[] = {NULL};
  probe_result(env, out, "exec", execve("/convgrade-no-such-program", argv, argv));
  pid_t pid = (pid_t)syscall(__NR_clone, SIGCHLD, 0, 0, 0, 0);
  if (pid == 0) _exit(0);
  probe_result(env, out, "process", pid);
  if (pid > 0) waitpid(pid, NULL, 0);
  return out;
}

NAPI_MODULE_INIT() {
  const char *names[] = {"wallIn", "harden", "fork", "becomeChild", "exit", "kill", "reapAny", "waitReadable", "probe"};
  napi_callback callbacks[] = {WallIn, Harden, Fork, BecomeChild, Exit, Kill, ReapAny, WaitReadable, Probe};
  for (size_t i = 0; i < 9; i++) {
    napi_value fn;
    napi_create_function(env, names[i], NAPI_AUTO_LENGTH, callbacks[i], NULL, &fn);
    napi_set_named_property(env, exports, names[i], fn);
  }
  return exports;
}
