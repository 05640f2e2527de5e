// Placeholder until the offline native install lands; never fails npm install.
