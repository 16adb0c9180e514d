import * as React from "react";

export interface PrimaryButtonProps {
  /** The button's content. */
  children?: React.ReactNode;
  /** An icon shown before the content. */
  icon?: React.ReactNode;
  label: string;
  size?: "md" | "sm";
  disabled?: boolean;
  /** Called when the button is pressed (not while disabled or loading). */
  onClick?: (event: React.MouseEvent<HTMLButtonElement>) => void;
}

const styles = {
  root: {
    backgroundColor: "#1d4ed8", // {color.brand.primary}
    borderRadius: "6px", // {radius.md}
    color: "#ffffff", // {color.brand.on-primary}
    padding: "8px", // {space.md}
  },
  "root[size=sm]": {
    padding: "4px", // {space.sm}
  },
  "root:disabled": {
    opacity: 0.5,
  },
  icon: {},
  label: {},
  spinner: {},
} satisfies Record<string, React.CSSProperties>;

/** The main call to action. */
export function PrimaryButton({
  children,
  icon,
  label,
  size = "md",
  disabled = false,
  onClick,
}: PrimaryButtonProps) {
  const rootStyle: React.CSSProperties = {
    ...styles.root,
    ...(size === "sm" ? styles["root[size=sm]"] : undefined),
    ...(disabled ? styles["root:disabled"] : undefined),
  };
  const iconStyle: React.CSSProperties = {
    ...styles.icon,
  };
  const labelStyle: React.CSSProperties = {
    ...styles.label,
  };
  const spinnerStyle: React.CSSProperties = {
    ...styles.spinner,
  };

  return (
    <button
      type="button"
      style={rootStyle}
      disabled={disabled}
      data-size={size}
      data-disabled={disabled || undefined}
      onClick={onClick}
    >
      {icon ? (
        <span
          style={iconStyle}
          aria-hidden="true"
        >
          {icon}
        </span>
      ) : null}
      <span style={labelStyle}>{children ?? label}</span>
    </button>
  );
}
