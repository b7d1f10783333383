"use client";
import { useId, useRef, useState } from "react";
import { toast } from "sonner";
import { FormField } from "@/components/auth/form-parts";
import { useFormRequest } from "@/components/settings/use-form-request";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { DialogForm } from "@/components/ui/dialog-form";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password-rules";
import { createUser } from "@/lib/client/admin-users";
import type { UserRole } from "@/lib/shared/admin-users";

/** "New user": email, name, role and a temporary password to hand over. */
export function NewUserDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: () => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        {open ? (
          <NewUserForm
            onCreated={(email) => {
              toast.success(`Account created for ${email}`);
              onOpenChange(false);
              onCreated();
            }}
          />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

function NewUserForm({ onCreated }: { onCreated: (email: string) => void }) {
  const [role, setRole] = useState<UserRole>("USER");
  const emailRef = useRef<HTMLInputElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const { error, invalid, pending, fail, send } = useFormRequest({
    email: emailRef,
    name: nameRef,
    password: passwordRef,
    role: null,
  });
  const roleId = useId();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const name = String(data.get("name") ?? "").trim();
    const password = String(data.get("password") ?? "");
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) return fail("email", "Enter a valid email address.");
    if (!name) return fail("name", "Enter the person's name.");
    if (password.length < PASSWORD_MIN) {
      return fail("password", `The temporary password needs at least ${PASSWORD_MIN} characters.`);
    }
    await send(
      () => createUser({ email, name, role, password }),
      (created) => onCreated(created.email),
    );
  }

  return (
    <DialogForm
      title="New user"
      description="The account works at once, whatever the sign-up policy. Give the person the temporary password, or a reset link so they choose their own."
      error={error}
      pending={pending}
      submitLabel="Create user"
      onSubmit={onSubmit}
    >
      <FormField
        ref={emailRef}
        id="new-user-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="off"
        required
        autoFocus
        invalid={invalid === "email"}
      />
      <FormField
        ref={nameRef}
        id="new-user-name"
        name="name"
        label="Name"
        autoComplete="off"
        maxLength={100}
        required
        invalid={invalid === "name"}
      />
      <div className="grid gap-2">
        <Label htmlFor={roleId}>Role</Label>
        <Select value={role} onValueChange={(value) => setRole(value as UserRole)}>
          <SelectTrigger id={roleId}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="USER">User</SelectItem>
            <SelectItem value="ADMIN">Admin</SelectItem>
          </SelectContent>
        </Select>
      </div>
      <FormField
        ref={passwordRef}
        id="new-user-password"
        name="password"
        type="text"
        label="Temporary password"
        autoComplete="off"
        spellCheck={false}
        maxLength={PASSWORD_MAX}
        required
        hint={`At least ${PASSWORD_MIN} characters. Shown as you type, so you can pass it on.`}
        invalid={invalid === "password"}
      />
    </DialogForm>
  );
}
